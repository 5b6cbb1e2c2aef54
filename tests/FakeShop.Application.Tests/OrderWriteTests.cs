using FakeShop.Application.Common.Abstractions;
using FakeShop.Domain.Brazil;
using FakeShop.Domain.Carts;
using FakeShop.Infrastructure.Persistence;
using Npgsql;

namespace FakeShop.Application.Tests;

/// <summary>
/// What a placed order leaves in the database, on each provider: PostgreSQL writes it with the reservation's batch of
/// plain statements (docs/decisions/0029), SQLite with the change tracker.
/// </summary>
public abstract class OrderWriteTests(IShopUnderTest shop) : ShopUseCaseTest(shop)
{
    private readonly Guid _visitor = Guid.NewGuid();

    [Fact]
    public async Task A_placed_order_holds_its_snapshot_totals_and_history_the_cart_is_emptied_and_a_twin_submit_finds_it()
    {
        var webcam = await Product("webcam-4k-ultra");
        var light = await Product("ring-light-18");
        await Send(m => m.Send(new AddToCartCommand(_visitor, webcam.Id, 2)));
        await Send(m => m.Send(new AddToCartCommand(_visitor, light.Id, 1)));
        var command = Checkout(_visitor);

        var placed = await Send(m => m.Send(command));
        var twin = await Send(m => m.Send(command));

        Assert.Equal(PlaceOrderOutcome.Placed, placed.Outcome);
        Assert.Equal((PlaceOrderOutcome.AlreadyPlaced, placed.OrderNumber), (twin.Outcome, twin.OrderNumber));
        var order = await Db(db => db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.History).SingleAsync());
        Assert.Equal(placed.OrderNumber, order.Number);
        Assert.Equal((_visitor, command.CheckoutToken), (order.VisitorId, order.CheckoutToken));
        Assert.Equal(
            [(webcam.Id, webcam.Name, webcam.Price, 2), (light.Id, light.Name, light.Price, 1)],
            order.Lines.OrderBy(l => l.ProductId == webcam.Id ? 0 : 1).Select(l => (l.ProductId, l.ProductName, l.UnitPrice, l.Quantity)));
        Assert.Equal(webcam.Price * 2 + light.Price, order.Subtotal);
        Assert.Equal(order.Subtotal + order.Shipping, order.Total);
        Assert.Equal(("Ana", "Souza", "ana.souza@example.com", "12345678909"), (order.Customer.FirstName, order.Customer.LastName, order.Customer.Email, order.Customer.Cpf!.Digits));
        Assert.Equal(("01310100", "Avenida Paulista", "1000", "Apto 42", "SP"), (order.ShippingAddress.Cep.Digits, order.ShippingAddress.Street, order.ShippingAddress.Number, order.ShippingAddress.Complement, order.ShippingAddress.Uf.Code));
        Assert.Equal((OrderStatus.Paid, 1, PaymentMethod.Card), (order.Status, order.Version, order.PaymentMethod));
        Assert.True(order.PaymentDueAt > order.PlacedAt);
        Assert.Equal(
            [(OrderStatus.AwaitingPayment, "customer", order.PlacedAt), (OrderStatus.Paid, "gateway", order.History.Max(h => h.ChangedAt))],
            order.History.OrderBy(h => h.Id).Select(h => (h.Status, h.ChangedBy, h.ChangedAt)));

        Assert.Equal(0, await CartItems(_visitor));
        Assert.Equal(order.PlacedAt, await Db(db => db.Carts.Where(c => c.VisitorId == _visitor).Select(c => c.UpdatedAt).SingleAsync()));
        Assert.Equal((webcam.Stock - 2, light.Stock - 1), ((await Product("webcam-4k-ultra")).Stock, (await Product("ring-light-18")).Stock));
    }

    [Fact]
    public async Task The_same_form_sent_four_times_at_once_places_one_order()
    {
        var webcam = await Product("webcam-4k-ultra");
        await Send(m => m.Send(new AddToCartCommand(_visitor, webcam.Id, 1)));
        var command = Checkout(_visitor);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => CheckoutAnswer.Of(() => Send(m => m.Send(command))))));

        Assert.All(answers, a => Assert.True(a.Succeeded, a.Outcome.ToString()));
        Assert.Single(answers.Select(a => a.OrderNumber).Distinct());
        Assert.Equal(1, await OrderCount());
        Assert.Equal(webcam.Stock - 1, (await Product("webcam-4k-ultra")).Stock);
    }
}

[Collection(AppCollection.Name)]
public sealed class PostgresOrderWriteTests(AppFixture app) : OrderWriteTests(app)
{
    /// <summary>
    /// The batch's statements against the change tracker's save of the same order: every column of the order, its
    /// lines and its history entry alike, but the keys and the two values unique per order.
    /// </summary>
    [Fact]
    public async Task The_reservation_batch_writes_the_rows_the_change_tracker_writes()
    {
        var visitor = Guid.NewGuid();
        var webcam = await Product("webcam-4k-ultra");
        var light = await Product("ring-light-18");
        await Send(m => m.Send(new AddToCartCommand(visitor, webcam.Id, 2)));
        await Send(m => m.Send(new AddToCartCommand(visitor, light.Id, 1)));
        // Microseconds: what timestamptz keeps, so both rows hold exactly this instant.
        var now = new DateTimeOffset(2026, 12, 2, 8, 30, 15, TimeSpan.Zero).AddTicks(1_234_560);
        Order New() => new(
            OrderNumber.New(), visitor, Guid.NewGuid(),
            new CustomerDetails("Ana", "Souza", "Ana.Souza@example.com", "(11) 91234-5678", Cpf.Parse("123.456.789-09")),
            new Address(Cep.Parse("01310-100"), "Avenida Paulista", "1000", null, "Bela Vista", "São Paulo", Uf.Parse("SP")),
            [(light.Id, light.Name, light.Price, 1), (webcam.Id, webcam.Name, webcam.Price, 2)],
            Money.Brl(10m), PaymentMethod.Card, now.AddMinutes(15), now);

        var batched = New();
        var left = await Db(async db =>
        {
            var cart = await db.Carts.Include(c => c.Lines).SingleAsync(c => c.VisitorId == visitor);
            await using var transaction = await db.Database.BeginTransactionAsync();
            var taken = await db.PlaceOrderAndCommitDurablyAsync(
                batched, cart, [new StockTake(Math.Min(webcam.Id, light.Id), 1), new StockTake(Math.Max(webcam.Id, light.Id), 1)], CancellationToken.None);

            // Nothing tracked afterwards (ADR 33): not the order, which the approval saves by the version written, nor
            // the cart the batch emptied, so no later save of this unit of work writes either of them again.
            Assert.Empty(db.ChangeTracker.Entries());
            return taken;
        });
        Assert.Null(left.ShortAt);
        Assert.Equal(0, await CartItems(visitor));

        var saved = New();
        await Db(db =>
        {
            db.Orders.Add(saved);
            return db.SaveChangesAsync();
        });

        string[] unique = ["Id", "Number", "CheckoutToken", "OrderId"];
        var batchedRows = await Rows(batched.Id);
        var savedRows = await Rows(saved.Id);
        foreach (var table in batchedRows.Keys)
        {
            Assert.Equal(savedRows[table].Count, batchedRows[table].Count);
            for (var i = 0; i < savedRows[table].Count; i++)
            {
                Assert.Equal(
                    savedRows[table][i].Where(c => !unique.Contains(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal),
                    batchedRows[table][i].Where(c => !unique.Contains(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal));
            }
        }

        Assert.Equal(2, batchedRows["order_lines"].Count);
        Assert.Single(batchedRows["order_status_changes"]);
    }

    [Fact]
    public async Task A_cart_emptied_by_another_form_meanwhile_commits_nothing_of_the_order()
    {
        var visitor = Guid.NewGuid();
        var webcam = await Product("webcam-4k-ultra");
        await Send(m => m.Send(new AddToCartCommand(visitor, webcam.Id, 1)));

        var failure = await Db(async db =>
        {
            var cart = await db.Carts.Include(c => c.Lines).SingleAsync(c => c.VisitorId == visitor);
            // Another tab's form of the same cart is placed first, and empties the cart.
            Assert.Equal(PlaceOrderOutcome.Placed, (await Send(m => m.Send(Checkout(visitor)))).Outcome);

            var now = DateTimeOffset.UtcNow;
            var order = new Order(
                OrderNumber.New(), visitor, Guid.NewGuid(),
                new CustomerDetails("Ana", "Souza", "ana@example.com", "(11) 91234-5678", Cpf.Parse("123.456.789-09")),
                new Address(Cep.Parse("01310-100"), "Avenida Paulista", "1000", null, "Bela Vista", "São Paulo", Uf.Parse("SP")),
                [(webcam.Id, webcam.Name, webcam.Price, 1)], Money.Brl(10m), PaymentMethod.Card, now.AddMinutes(15), now);
            await using var transaction = await db.Database.BeginTransactionAsync();
            var thrown = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() =>
                db.PlaceOrderAndCommitDurablyAsync(order, cart, [new StockTake(webcam.Id, 1)], CancellationToken.None));
            await transaction.RollbackAsync();
            return thrown;
        });

        Assert.Equal(PostgresShopDbContext.CartChangedSqlState, Assert.IsType<PostgresException>(failure.InnerException).SqlState);
        Assert.Equal(1, await OrderCount());
        Assert.Equal(webcam.Stock - 1, (await Product("webcam-4k-ultra")).Stock);
    }

    /// <summary>Every column of the order's rows in the three tables, as PostgreSQL returns them; lines by product.</summary>
    private async Task<Dictionary<string, List<Dictionary<string, object?>>>> Rows(Guid orderId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        return new()
        {
            ["orders"] = await Read(connection, "SELECT * FROM orders WHERE \"Id\" = $1", orderId),
            ["order_lines"] = await Read(connection, "SELECT * FROM order_lines WHERE \"OrderId\" = $1 ORDER BY \"ProductId\"", orderId),
            ["order_status_changes"] = await Read(connection, "SELECT * FROM order_status_changes WHERE \"OrderId\" = $1", orderId),
        };
    }

    private static async Task<List<Dictionary<string, object?>>> Read(NpgsqlConnection connection, string sql, Guid orderId)
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new NpgsqlParameter<Guid> { TypedValue = orderId } } };
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }

        return rows;
    }
}

// In the PostgreSQL tests' collection, as SqliteTests: not at the same time as the SQL command counting test.
[Collection(AppCollection.Name)]
public sealed class SqliteOrderWriteTests(SqliteFixture sqlite) : OrderWriteTests(sqlite), IClassFixture<SqliteFixture>;
