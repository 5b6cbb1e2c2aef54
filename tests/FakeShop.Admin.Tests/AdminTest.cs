using System.Net;
using AngleSharp.Html.Dom;
using FakeShop.Domain.Brazil;
using FakeShop.Domain.Catalog;
using FakeShop.Domain.Common;
using FakeShop.Domain.Ordering;
using FakeShop.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FakeShop.Admin.Tests;

[Collection(AdminCollection.Name)]
public abstract class AdminTest(AdminFixture app) : IAsyncLifetime
{
    private static int _clientNumber;

    protected AdminFixture App { get; } = app;

    public Task InitializeAsync() => App.ResetWithAdminAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A new browser with its own cookies and its own client address (seen through X-Forwarded-For).</summary>
    protected HtmlClient NewClient(bool followRedirects = true)
    {
        var client = App.NewVisitor(followRedirects);
        var n = Interlocked.Increment(ref _clientNumber);
        // English pages, so assertions read the English keys whatever translations exist.
        client.Http.DefaultRequestHeaders.Add("Accept-Language", "en");
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}");
        return client;
    }

    protected async Task<IHtmlDocument> LoginAsync(HtmlClient client, string email, string password)
    {
        var page = await client.GetAsync("/Account/Login");
        return await client.SubmitAsync(page, "#login-form", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    /// <summary>A signed-in admin whose pages (and so whose number format and messages) are in <paramref name="culture"/>.</summary>
    protected async Task<HtmlClient> AdminInAsync(string culture)
    {
        var client = await AdminAsync();
        await client.PostAsync("/Culture", [new("culture", culture), new("returnUrl", "/Admin")]);
        Assert.Equal(culture == "en" ? "en" : "pt-BR", (await client.GetAsync("/Admin")).DocumentElement.GetAttribute("lang"));
        return client;
    }

    protected async Task<HtmlClient> AdminAsync(bool followRedirects = true)
    {
        var client = NewClient(followRedirects);
        var page = await LoginAsync(client, AdminFixture.AdminEmail, AdminFixture.AdminPassword);
        if (!followRedirects)
        {
            Assert.Equal(HttpStatusCode.Redirect, client.Status);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, client.Status);
            Assert.NotNull(page.QuerySelector("#admin-nav"));
        }

        return client;
    }

    /// <summary>A real account without the Admin role: signed in, but must be refused everywhere in /Admin.</summary>
    protected async Task<HtmlClient> NonAdminAsync(bool followRedirects = true)
    {
        const string email = "clerk@fakeshop.test";
        const string password = "Clerk-Pass#2026";
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            if (await users.FindByEmailAsync(email) is null)
            {
                var result = await users.CreateAsync(new IdentityUser { UserName = email, Email = email, EmailConfirmed = true }, password);
                Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
            }
        }

        var client = NewClient(followRedirects);
        await LoginAsync(client, email, password);
        return client;
    }

    protected Task<Product> ProductAsync(string slug) =>
        App.Factory.WithDbAsync(db => db.Products.AsNoTracking().SingleAsync(p => p.Slug == slug));

    protected Task<Product> AnyProductAsync(int minStock = 3) =>
        App.Factory.WithDbAsync(db => db.Products.AsNoTracking().Where(p => p.Stock >= minStock).OrderBy(p => p.Id).FirstAsync());

    /// <summary>
    /// An order placed and paid straight in the database (checkout is tested elsewhere), stock taken as checkout would.
    /// Issue 12: checkout now ends an approved order in Paid, so that is where these orders start.
    /// </summary>
    protected Task<Order> PlaceOrderAsync(int productId, int quantity = 2, string email = "ana@example.com", string firstName = "Ana") =>
        App.Factory.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var product = await db.Products.SingleAsync(p => p.Id == productId);
            // Relative and without a version bump, exactly as checkout takes it (issue 12).
            Assert.True(await FakeShop.Application.Catalog.StockStore.TryTakeAsync(db, product.Id, quantity, CancellationToken.None));
            var order = new Order(OrderNumber.New(), Guid.NewGuid(), Guid.NewGuid(),
                new CustomerDetails(firstName, "Silva", email, "+55 11 91234-5678", Cpf.Parse("529.982.247-25")),
                new Address(Cep.Parse("01000-000"), "Rua das Flores", "10", null, "Sé", "São Paulo", Uf.Parse("SP")),
                [(product.Id, product.Name, product.Price, quantity)], Money.Brl(10m), PaymentMethod.Card, now.AddMinutes(15), now);
            order.ConfirmCardPayment(new PaymentDetails("Visa", "1111", "AUTH-TEST"), "gateway", now);
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            return order;
        });

    protected Task<Order> OrderAsync(string number) =>
        App.Factory.WithDbAsync(db => db.Orders.AsNoTracking().Include(o => o.History).SingleAsync(o => o.Number == number));

    protected static string Text(IHtmlDocument page, string selector) =>
        page.QuerySelector(selector)?.TextContent.Trim() ?? throw new Xunit.Sdk.XunitException($"No '{selector}' on {page.Url}: {page.Body?.TextContent.Trim()[..Math.Min(300, page.Body.TextContent.Trim().Length)]}");
}
