using System.Net;
using FakeShop.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace FakeShop.Admin.Tests;

public sealed class LoginTests(AdminFixture app) : AdminTest(app)
{
    [Fact]
    public async Task Admin_signs_in_and_lands_on_the_return_url()
    {
        var client = NewClient();
        var login = await client.GetAsync("/Account/Login?ReturnUrl=%2FAdmin%2FOrders");
        var page = await client.SubmitAsync(login, "#login-form", new Dictionary<string, string>
        {
            ["Input.Email"] = AdminFixture.AdminEmail,
            ["Input.Password"] = AdminFixture.AdminPassword,
        });
        Assert.Equal(HttpStatusCode.OK, client.Status);
        Assert.Equal("/Admin/Orders", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task Return_url_to_another_site_is_ignored()
    {
        var client = NewClient(followRedirects: false);
        var login = await client.GetAsync("/Account/Login?ReturnUrl=https%3A%2F%2Fevil.example%2F");
        await client.SubmitAsync(login, "#login-form", new Dictionary<string, string>
        {
            ["Input.Email"] = AdminFixture.AdminEmail,
            ["Input.Password"] = AdminFixture.AdminPassword,
        });
        Assert.Equal("/Admin", client.LastResponse!.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_get_the_same_answer()
    {
        var wrongPassword = await LoginAsync(NewClient(), AdminFixture.AdminEmail, "Not-The-Password1!");
        var unknownEmail = await LoginAsync(NewClient(), "nobody@fakeshop.test", "Not-The-Password1!");
        var a = Text(wrongPassword, "#login-error");
        var b = Text(unknownEmail, "#login-error");
        Assert.Equal(a, b);
        Assert.DoesNotContain("exist", a, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(wrongPassword.QuerySelector("#login-form")!.OuterHtml.Length > 0, unknownEmail.QuerySelector("#login-form")!.OuterHtml.Length > 0);
        // The typed password is never echoed back.
        Assert.Equal(string.Empty, wrongPassword.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Password")!.Value);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password()
    {
        for (var i = 0; i < 5; i++)
        {
            await LoginAsync(NewClient(), AdminFixture.AdminEmail, "Wrong-Password#" + i);
        }

        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<ShopSignIn>().IsLockedOutAsync(AdminFixture.AdminEmail));
        }

        var client = NewClient();
        var page = await LoginAsync(client, AdminFixture.AdminEmail, AdminFixture.AdminPassword);
        Assert.NotNull(page.QuerySelector("#login-error"));
        await client.GetAsync("/Admin");
        Assert.Contains("/Account/Login", client.LastResponse!.RequestMessage!.RequestUri!.AbsolutePath);

        // The locked account answers exactly like an unknown e-mail: no hint that it exists.
        var unknown = await LoginAsync(NewClient(), "nobody@fakeshop.test", AdminFixture.AdminPassword);
        Assert.Equal(Text(unknown, "#login-error"), Text(page, "#login-error"));
    }

    [Fact]
    public async Task Four_failures_then_the_right_password_still_works()
    {
        for (var i = 0; i < 4; i++)
        {
            await LoginAsync(NewClient(), AdminFixture.AdminEmail, "Wrong-Password#" + i);
        }

        var page = await LoginAsync(NewClient(), AdminFixture.AdminEmail, AdminFixture.AdminPassword);
        Assert.NotNull(page.QuerySelector("#admin-nav"));
    }

    [Fact]
    public async Task Too_many_login_posts_from_one_client_get_429_with_the_friendly_page()
    {
        var client = NewClient();
        for (var i = 0; i < 10; i++)
        {
            await LoginAsync(client, $"spray{i}@fakeshop.test", "Whatever#12345");
            Assert.Equal(HttpStatusCode.OK, client.Status);
        }

        var page = await LoginAsync(client, "spray-last@fakeshop.test", "Whatever#12345");
        Assert.Equal(HttpStatusCode.TooManyRequests, client.Status);
        Assert.NotNull(page.QuerySelector("#status-title"));

        // Another client is not affected.
        var other = await LoginAsync(NewClient(), AdminFixture.AdminEmail, AdminFixture.AdminPassword);
        Assert.NotNull(other.QuerySelector("#admin-nav"));
    }

    [Fact]
    public async Task There_is_no_registration_page()
    {
        var client = NewClient(followRedirects: false);
        await client.GetAsync("/Account/Register");
        Assert.Equal(HttpStatusCode.NotFound, client.Status);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var client = await AdminAsync();
        var home = await client.GetAsync("/");
        var after = await client.SubmitAsync(home, "#nav-logout-form");
        Assert.Null(after.QuerySelector("#nav-admin"));
        await client.GetAsync("/Admin");
        Assert.Equal("/Account/Login", client.LastResponse!.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task The_seeded_admin_has_the_role_and_a_hashed_password()
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var admin = await users.FindByEmailAsync(AdminFixture.AdminEmail);
        Assert.NotNull(admin);
        Assert.True(await users.IsInRoleAsync(admin, ShopRoles.Admin));
        Assert.DoesNotContain(AdminFixture.AdminPassword, admin.PasswordHash!, StringComparison.Ordinal);
    }
}
