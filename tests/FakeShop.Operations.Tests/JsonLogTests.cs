using System.Text.Json;
using FakeShop.Operations.Tests.Support;
using FakeShop.Testing;

namespace FakeShop.Operations.Tests;

/// <summary>Issue 5, logs: in Production every line is JSON, request lines carry the trace id, nothing personal.</summary>
public sealed class JsonLogTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Production_logs_are_json_lines_with_the_trace_id_and_no_card_number_email_or_cpf()
    {
        var cs = await pg.Server.CreateDatabaseAsync("ops_logs");
        await using var app = AppProcess.Start(AppProcess.PostgresEnvironment(cs));
        await app.WaitUntilReadyAsync();

        using var http = app.NewClient(followRedirects: true);
        var visitor = new HtmlClient(http);
        await Shopper.AddToCartAsync(visitor);

        // A declined card first (the form comes back), then a good one; the checkout POST carries a known trace id.
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        await Shopper.CheckoutAsync(visitor, Shopper.DeclinedCard);
        http.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
        var form = await visitor.GetAsync("/checkout");
        await visitor.SubmitAsync(form, "#checkout-form", Shopper.CheckoutFields(Shopper.ApprovedCard));
        http.DefaultRequestHeaders.Remove("traceparent");
        Assert.True(Shopper.IsOrderPage(visitor), app.Output);

        await app.TerminateAsync();
        Assert.Equal(0, await app.WaitForExitAsync(TimeSpan.FromSeconds(40)));

        var lines = app.Stdout.Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(lines);
        var requestLines = 0;
        var sawOurTrace = false;
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line); // every line is one JSON object
            Assert.True(json.RootElement.TryGetProperty("Category", out _), line);
            var scopes = json.RootElement.TryGetProperty("Scopes", out var s) ? s.EnumerateArray().ToList() : [];
            if (scopes.Any(x => x.ValueKind == JsonValueKind.Object && x.TryGetProperty("RequestPath", out _)))
            {
                requestLines++;
                var trace = scopes.Select(x => x.ValueKind == JsonValueKind.Object && x.TryGetProperty("TraceId", out var t) ? t.GetString() : null)
                    .FirstOrDefault(t => t is not null);
                Assert.True(trace is { Length: 32 }, "a request's log line without a trace id: " + line);
                if (trace == traceId && line.Contains("POST", StringComparison.Ordinal) && line.Contains("/checkout", StringComparison.Ordinal))
                {
                    sawOurTrace = true;
                }
            }
        }

        Assert.True(requestLines >= 4, "expected an access-log line per request:\n" + app.Output);
        Assert.True(sawOurTrace, "the checkout POST's line should carry the caller's trace id:\n" + app.Output);

        var all = string.Join('\n', app.Stdout.Concat(app.Stderr));
        Assert.DoesNotContain(Shopper.Email, all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("4111111111111111", all, StringComparison.Ordinal);
        Assert.DoesNotContain(Shopper.ApprovedCard, all, StringComparison.Ordinal);
        Assert.DoesNotContain("4000000000000002", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Cvv", all, StringComparison.Ordinal);
        Assert.DoesNotContain(CheckoutForm.ValidCpf, all, StringComparison.Ordinal);
        Assert.DoesNotContain("12345678909", all, StringComparison.Ordinal);
        Assert.DoesNotContain("456.789", all, StringComparison.Ordinal);
    }
}
