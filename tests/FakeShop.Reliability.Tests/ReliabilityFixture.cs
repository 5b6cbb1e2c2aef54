using AngleSharp.Dom;
using FakeShop.Testing;
using Npgsql;

namespace FakeShop.Reliability.Tests;

/// <summary>
/// The app in memory on its own throwaway PostgreSQL. The per-client rate limit is off: in memory every visitor
/// shares one (unknown) client address, and these tests are about correctness under load, not about the limiter.
/// </summary>
public abstract class ReliabilityFixture : ShopAppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:PermitsPerMinute"] = "0",
    };

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        return (T)Convert.ChangeType((await cmd.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task<int> ExecuteAsync(string sql) => ExecAsync(sql);

    private async Task<int> ExecAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteNonQueryAsync();
    }
}

/// <summary>A ready-to-post checkout for one visitor: its client, and the fields of its checkout form.</summary>
public sealed record PreparedCheckout(HtmlClient Client, List<KeyValuePair<string, string>> Fields);

public static class Shopper
{
    public static readonly Dictionary<string, string> ApprovedCard = CheckoutForm.Values(email: "ana@example.com");

    /// <summary>Puts one unit of the product in the visitor's cart through the product page's form, then opens checkout.</summary>
    public static async Task<PreparedCheckout> PrepareAsync(HtmlClient client, string productSlug)
    {
        var product = await client.GetAsync($"/product/{productSlug}");
        Assert.Equal(System.Net.HttpStatusCode.OK, client.Status);
        await client.SubmitAsync(product, "#add-to-cart", new Dictionary<string, string> { ["quantity"] = "1" });
        Assert.True(client.Status is System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.Redirect, $"add to cart: {client.Status}");
        var checkout = await client.GetAsync("/checkout");
        Assert.Equal(System.Net.HttpStatusCode.OK, client.Status);
        var form = checkout.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#checkout-form")
            ?? throw new InvalidOperationException("no #checkout-form on /checkout: " + checkout.Title);
        var fields = HtmlClient.FormFields(form);
        foreach (var (key, value) in ApprovedCard)
        {
            fields.RemoveAll(f => f.Key == key);
            fields.Add(new(key, value));
        }

        return new PreparedCheckout(client, fields);
    }
}
