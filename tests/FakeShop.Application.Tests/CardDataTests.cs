using Npgsql;

namespace FakeShop.Application.Tests;

/// <summary>
/// PCI basics: after checkouts (approved and declined) neither the card number nor the CVV is anywhere in the
/// database. Every text-like column of every table in schema public is read, so a new column cannot slip by.
/// </summary>
public sealed class CardDataTests(AppFixture app) : UseCaseTest(app)
{
    // Digits that no seed row contains; searched with and without separators.
    private const string Cvv = "987";

    [Fact]
    public async Task No_card_number_or_cvv_is_stored_anywhere()
    {
        var before = await TextValues();
        Assert.DoesNotContain(before, v => v.Value.Contains(Cvv, StringComparison.Ordinal) && !IsKeyMaterial(v) && !IsRandomSystemValue(v));

        var visitor = Guid.NewGuid();
        var product = await Product("webcam-4k-ultra");
        await Send(m => m.Send(new AddToCartCommand(visitor, product.Id, 1)));
        var declined = await CheckoutAnswer.Of(() => Send(m => m.Send(Checkout(visitor, card: "4000 0000 0000 0002", cvv: Cvv))));
        var placed = await Send(m => m.Send(Checkout(visitor, card: "4111 1111 1111 1111", cvv: Cvv)));
        Assert.Equal(CheckoutRefusal.PaymentDeclined, declined.Refusal);
        Assert.Equal(PlaceOrderOutcome.Placed, placed.Outcome);

        var after = await TextValues();
        var added = after.Except(before).ToList();

        // The order really is in there (so the scan reads the right tables) ...
        Assert.Contains(added, v => v.Table == "orders" && v.Value == placed.OrderNumber);
        Assert.Contains(added, v => v.Table == "orders" && v.Column == "CardLast4" && v.Value == "1111");
        // ... but no form of the card numbers is, anywhere.
        foreach (var number in new[] { FakePaymentGateway.ApprovedCard, FakePaymentGateway.DeclinedCard, "4111 1111 1111 1111", "4111-1111-1111-1111", "411111111111" })
        {
            Assert.DoesNotContain(after, v => v.Value.Contains(number, StringComparison.Ordinal));
        }

        // Nor the CVV in anything written by the checkouts. Random system values (order number, authorization id)
        // could contain these digits by pure chance, so they are checked to be exactly their own format instead.
        Assert.DoesNotContain(added, v => v.Value.Contains(Cvv, StringComparison.Ordinal) && !IsRandomSystemValue(v));
        Assert.All(added.Where(v => IsRandomSystemValue(v) && !Guid.TryParseExact(v.Value, "D", out _)), v => Assert.Matches("^(FS-[0-9A-Z]{4}-[0-9A-Z]{4}|AUTH-[0-9A-F]{16})$", v.Value));
    }

    private static bool IsKeyMaterial(TextValue v) => v.Table == "DataProtectionKeys";

    /// <summary>
    /// Values made of random characters that contain the CVV's three digits by chance: order numbers, authorization
    /// ids, and every value that is a whole GUID (ids, checkout tokens, idempotency keys — about one GUID in 140 holds
    /// "987" somewhere, which made this test fail at random). A stored CVV could not take any of these forms.
    /// </summary>
    private static bool IsRandomSystemValue(TextValue v) =>
        (v.Table == "orders" && v.Column is "Number" or "PaymentAuthorizationId") || Guid.TryParseExact(v.Value, "D", out _);

    private async Task<HashSet<TextValue>> TextValues()
    {
        await using var conn = new NpgsqlConnection(App.ConnectionString);
        await conn.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'xml', 'uuid')
            """, conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        Assert.Contains(columns, c => c is ("orders", "CardLast4"));
        var values = new HashSet<TextValue>();
        foreach (var (table, column) in columns)
        {
            await using var cmd = new NpgsqlCommand($"SELECT \"{column}\"::text FROM \"{table}\" WHERE \"{column}\" IS NOT NULL", conn);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                values.Add(new TextValue(table, column, reader.GetString(0)));
            }
        }

        return values;
    }

    private sealed record TextValue(string Table, string Column, string Value);
}
