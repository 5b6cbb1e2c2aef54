using System.Net;
using AngleSharp.Html.Dom;
using FakeShop.Testing;

namespace FakeShop.Admin.Tests;

/// <summary>Nobody but an admin gets into /Admin: every page and every POST handler is checked both ways.</summary>
public sealed class AccessTests(AdminFixture app) : AdminTest(app)
{
    public static TheoryData<string> Pages => new()
    {
        "/Admin",
        "/Admin/Products",
        "/Admin/Products/Create",
        "/Admin/Products/Edit/1",
        "/Admin/Products/Delete/1",
        "/Admin/Categories",
        "/Admin/Orders",
        "/Admin/Orders/FS-0000-0000",
        "/Admin/Orders/Export",
    };

    public static TheoryData<string> Posts => new()
    {
        "/Admin/Products?handler=Adjust",
        "/Admin/Products/Create",
        "/Admin/Products/Edit/1",
        "/Admin/Products/Edit/1?handler=Hide",
        "/Admin/Products/Edit/1?handler=Show",
        "/Admin/Products/Edit/1?handler=Image",
        "/Admin/Products/Delete/1",
        "/Admin/Categories?handler=Create",
        "/Admin/Categories?handler=Rename",
        "/Admin/Categories?handler=Delete",
        "/Admin/Orders/FS-0000-0000",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Anonymous_get_is_redirected_to_login(string url)
    {
        var client = NewClient(followRedirects: false);
        await client.GetAsync(url);
        AssertRedirectToLogin(client, url);
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task Anonymous_post_is_redirected_to_login_and_changes_nothing(string url)
    {
        var client = NewClient(followRedirects: false);
        var before = await ProductAsync("webcam-4k-ultra");
        await client.PostAsync(url, await FieldsWithTokenAsync(client));
        AssertRedirectToLogin(client, url);
        Assert.Equal(before.Version, (await ProductAsync("webcam-4k-ultra")).Version);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Signed_in_non_admin_gets_403_on_every_page(string url)
    {
        var client = await NonAdminAsync(followRedirects: false);
        await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, client.Status);
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task Signed_in_non_admin_gets_403_on_every_post(string url)
    {
        var client = await NonAdminAsync(followRedirects: false);
        await client.PostAsync(url, await FieldsWithTokenAsync(client));
        Assert.Equal(HttpStatusCode.Forbidden, client.Status);
    }

    [Fact]
    public async Task Admin_post_without_antiforgery_token_is_rejected()
    {
        var client = await AdminAsync(followRedirects: false);
        var before = await ProductAsync("webcam-4k-ultra");
        await client.PostAsync($"/Admin/Products/Edit/{before.Id}?handler=Hide", []);
        Assert.Equal(HttpStatusCode.BadRequest, client.Status);
        Assert.True((await ProductAsync("webcam-4k-ultra")).IsActive);
    }

    [Fact]
    public async Task Non_admin_sees_no_admin_link_and_admin_does()
    {
        var clerk = await NonAdminAsync();
        Assert.Null((await clerk.GetAsync("/")).QuerySelector("#nav-admin"));
        var admin = await AdminAsync();
        Assert.NotNull((await admin.GetAsync("/")).QuerySelector("#nav-admin"));
        Assert.Null((await NewClient().GetAsync("/")).QuerySelector("#nav-admin"));
    }

    [Fact]
    public async Task Every_admin_page_renders_for_the_admin()
    {
        var client = await AdminAsync();
        var product = await ProductAsync("webcam-4k-ultra");
        foreach (var url in new[] { "/Admin", "/Admin/Products", "/Admin/Products/Create", $"/Admin/Products/Edit/{product.Id}", $"/Admin/Products/Delete/{product.Id}", "/Admin/Categories", "/Admin/Orders", "/Admin/Orders/Export" })
        {
            await client.GetAsync(url);
            Assert.True(client.Status == HttpStatusCode.OK, $"{url}: {client.Status}");
        }
    }

    private static void AssertRedirectToLogin(HtmlClient client, string url)
    {
        Assert.Equal(HttpStatusCode.Redirect, client.Status);
        var location = client.LastResponse!.Headers.Location!.ToString();
        Assert.StartsWith("http://localhost/Account/Login?ReturnUrl=", location.StartsWith('/') ? "http://localhost" + location : location);
        Assert.Contains(Uri.EscapeDataString(url.Split('?')[0]), location, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A valid antiforgery token (from a public form), so the refusal is the policy's and not antiforgery's.</summary>
    private static async Task<List<KeyValuePair<string, string>>> FieldsWithTokenAsync(HtmlClient client)
    {
        IHtmlDocument page = await client.GetAsync("/Account/Login");
        var token = page.QuerySelector<IHtmlInputElement>("#login-form input[name=__RequestVerificationToken]")!.Value;
        return [new("__RequestVerificationToken", token), new("productId", "1"), new("delta", "5"), new("id", "1"), new("name", "X"), new("target", "Paid")];
    }
}

/// <summary>Issue 14: staff pages and the CSV export are never stored; the auth cookie is Secure behind HTTPS.</summary>
public sealed class AdminHardeningTests(AdminFixture app) : AdminTest(app)
{
    [Theory]
    [InlineData("/Admin")]
    [InlineData("/Admin/Orders")]
    [InlineData("/Admin/Orders/Export")]
    public async Task Admin_pages_and_exports_are_never_stored(string path)
    {
        var admin = await AdminAsync();
        using var response = await admin.Http.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task The_auth_cookie_is_secure_over_https()
    {
        // A cookie jar sends Secure cookies (the antiforgery one) only to https addresses, so the whole visit is https.
        var client = new HtmlClient(App.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri("https://localhost"),
        }));
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "192.0.2.77");
        await LoginAsync(client, AdminFixture.AdminEmail, AdminFixture.AdminPassword);
        var auth = client.LastResponse!.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("fs_auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", auth, StringComparison.OrdinalIgnoreCase);
    }
}
