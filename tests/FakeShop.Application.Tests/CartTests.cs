using System.Globalization;
using FakeShop.Application.Carts.ClearCart;
using FakeShop.Application.Carts.GetCartItemCount;
using FakeShop.Application.Carts.RemoveCartLine;
using FakeShop.Application.Carts.UpdateCartLine;
using FakeShop.Application.Carts.ViewCart;
using FakeShop.Application.Common.Exceptions;
using FakeShop.Domain.Carts;
using FakeShop.Infrastructure.Persistence.Carts;
using FluentValidation;

namespace FakeShop.Application.Tests;

/// <summary>
/// Issue 3: the cart use cases, with the 1–99 and in-stock rules and re-pricing from the catalogue. Issue 15: every
/// scenario runs on each provider (<see cref="PostgresCartTests"/>, <see cref="SqliteCartTests"/>), because each has
/// its own add-to-cart SQL (PostgresCartItemWriter, SqliteCartItemWriter).
/// </summary>
public abstract class CartTests(IShopUnderTest shop) : ShopUseCaseTest(shop)
{
    private readonly Guid _visitor = Guid.NewGuid();

    private async Task<int> Add(string slug, int quantity, Guid? visitor = null)
    {
        var product = await Product(slug);
        return await Send(m => m.Send(new AddToCartCommand(visitor ?? _visitor, product.Id, quantity)));
    }

    private Task<Carts.CartVm> View(Guid? visitor = null) => Send(m => m.Send(new ViewCartCommand(visitor ?? _visitor)));

    [Fact]
    public async Task Adding_the_same_product_twice_merges_into_one_line()
    {
        Assert.Equal(2, await Add("webcam-4k-ultra", 2));
        Assert.Equal(5, await Add("webcam-4k-ultra", 3));
        Assert.Equal(6, await Add("ring-light-18", 1));

        var cart = await View();
        Assert.Equal(2, cart.Lines.Count);
        Assert.Equal(5, cart.Lines.Single(l => l.Name == "Webcam 4K Ultra").Quantity);
        Assert.Equal(5 * 899.90m + 279.90m, cart.Subtotal.Amount);
        Assert.Equal(10.00m, cart.Shipping.Amount);
        Assert.Equal(5 * 899.90m + 279.90m + 10.00m, cart.Total.Amount);
        Assert.Equal(6, await Send(m => m.Send(new GetCartItemCountQuery(_visitor))));
    }

    [Fact]
    public async Task Simultaneous_adds_by_one_visitor_all_succeed_into_a_single_line_and_none_is_lost()
    {
        // A double click or two tabs: the requests may try to create the cart and the line at the same moment, and
        // each must add its unit to what is stored (an upsert that adds), not overwrite a quantity read earlier.
        var visitor = Guid.NewGuid();
        var adds = Enumerable.Range(0, 8).Select(_ => Task.Run(() => Add("ring-light-18", 1, visitor)));

        var counts = await Task.WhenAll(adds);

        Assert.All(counts, c => Assert.InRange(c, 1, 8));
        Assert.Contains(8, counts);
        var cart = await View(visitor);
        Assert.Single(cart.Lines);
        Assert.Equal(8, cart.Lines[0].Quantity);
        Assert.Equal(1, await Db(db => db.Carts.CountAsync(c => c.VisitorId == visitor)));
    }

    [Fact]
    public async Task Simultaneous_adds_never_pass_the_limits_together()
    {
        // The 99-per-line and stock rules are enforced by the add statement itself (the provider's ICartItemWriter), on
        // the latest row: of 20 simultaneous adds of 10 units, exactly 9 fit under 99 and the other 11 get the domain's rule.
        await SetStock("ring-light-18", 500);
        var visitor = Guid.NewGuid();
        var adds = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            try
            {
                await Add("ring-light-18", 10, visitor);
                return (string?)null;
            }
            catch (DomainException ex)
            {
                return ex.Code;
            }
        }));

        var outcomes = await Task.WhenAll(adds);

        Assert.Equal(9, outcomes.Count(o => o is null));
        Assert.All(outcomes.Where(o => o is not null), o => Assert.Equal("cart.line_max", o));
        Assert.Equal(90, await CartItems(visitor));
    }

    [Fact]
    public async Task A_refused_add_writes_nothing_not_even_an_empty_cart()
    {
        var visitor = Guid.NewGuid();

        await Assert.ThrowsAsync<DomainException>(() => Add("braco-articulado-mic", 1, visitor));
        await Assert.ThrowsAsync<DomainException>(() => Add("camera-dslr-pro", 7, visitor));

        Assert.Equal(0, await Db(db => db.Carts.CountAsync(c => c.VisitorId == visitor)));
    }

    [Fact]
    public async Task An_inactive_product_is_not_found()
    {
        await Db(db => db.Products.Where(p => p.Slug == "ring-light-18").ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false)));

        await Assert.ThrowsAsync<NotFoundException>(() => Add("ring-light-18", 1));
        Assert.Equal(0, await CartItems(_visitor));
    }

    [Fact]
    public async Task A_cart_holds_at_most_50_products_but_a_full_cart_still_merges()
    {
        var category = await Db(db => db.Categories.Select(c => c.Id).FirstAsync());
        var ids = await Db(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var products = Enumerable.Range(1, Domain.Carts.Cart.MaxLines + 1)
                .Select(i => new Domain.Catalog.Product($"Filler {i}", $"filler-{i}", "", "", Money.Brl(1m), 10, category, now)).ToList();
            db.Products.AddRange(products);
            await db.SaveChangesAsync();
            return products.Select(p => p.Id).ToList();
        });
        foreach (var id in ids.Take(Domain.Carts.Cart.MaxLines))
        {
            await Send(m => m.Send(new AddToCartCommand(_visitor, id, 1)));
        }

        var full = await Assert.ThrowsAsync<DomainException>(() => Send(m => m.Send(new AddToCartCommand(_visitor, ids[^1], 1))));

        Assert.Equal("cart.too_many_lines", full.Code);
        Assert.Equal(Domain.Carts.Cart.MaxLines + 1, await Send(m => m.Send(new AddToCartCommand(_visitor, ids[0], 1))));
        Assert.Equal(Domain.Carts.Cart.MaxLines + 1, await CartItems(_visitor));
    }

    [Fact]
    public async Task Adding_records_the_catalogue_price_as_seen()
    {
        await Add("webcam-4k-ultra", 1);
        await SetPrice("webcam-4k-ultra", 799.90m);
        await Add("webcam-4k-ultra", 1); // the customer is looking at the new price while adding

        var cart = await View();

        Assert.False(cart.HasPriceChanges);
        Assert.Equal(2 * 799.90m, cart.Subtotal.Amount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100)]
    [InlineData(int.MaxValue)]
    public async Task Quantities_outside_1_to_99_are_rejected(int quantity)
    {
        var ex = await Assert.ThrowsAsync<ValidationException>(() => Add("ring-light-18", quantity));

        Assert.Contains(ex.Errors, e => e.PropertyName == "Quantity");
        Assert.Equal(0, await CartItems(_visitor));
    }

    [Fact]
    public async Task Unknown_or_invalid_product_is_not_found_or_invalid()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => Send(m => m.Send(new AddToCartCommand(_visitor, 999_999, 1))));
        await Assert.ThrowsAsync<ValidationException>(() => Send(m => m.Send(new AddToCartCommand(_visitor, 0, 1))));
        await Assert.ThrowsAsync<ValidationException>(() => Send(m => m.Send(new AddToCartCommand(Guid.Empty, 1, 1))));
        Assert.Equal(0, await CartItems(_visitor));
    }

    [Fact]
    public async Task Never_more_than_the_stock()
    {
        // camera-dslr-pro has 6 in stock.
        var tooMany = await Assert.ThrowsAsync<DomainException>(() => Add("camera-dslr-pro", 7));
        Assert.Equal("cart.not_enough_stock", tooMany.Code);

        Assert.Equal(4, await Add("camera-dslr-pro", 4));
        var mergedTooMany = await Assert.ThrowsAsync<DomainException>(() => Add("camera-dslr-pro", 3));
        Assert.Equal("cart.not_enough_stock", mergedTooMany.Code);
        Assert.Equal(6, await Add("camera-dslr-pro", 2));
        Assert.Equal(6, await CartItems(_visitor));

        var cart = await View();
        var line = Assert.Single(cart.Lines);
        Assert.Equal(((await Product("camera-dslr-pro")).Id, 6), (line.ProductId, line.Quantity));
        Assert.Equal(6 * 5499.00m, cart.Subtotal.Amount);
    }

    [Fact]
    public async Task Sold_out_products_cannot_be_added()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => Add("braco-articulado-mic", 1));

        Assert.Equal("cart.sold_out", ex.Code);
        Assert.Equal(0, await CartItems(_visitor));
    }

    [Fact]
    public async Task A_line_never_exceeds_99_even_with_plenty_of_stock()
    {
        await SetStock("ring-light-18", 500);
        Assert.Equal(98, await Add("ring-light-18", 98));

        var ex = await Assert.ThrowsAsync<DomainException>(() => Add("ring-light-18", 2));

        Assert.Equal("cart.line_max", ex.Code);
        Assert.Equal(99, await Add("ring-light-18", 1));
    }

    [Fact]
    public async Task Concurrent_adds_all_count_and_the_line_then_stops_at_99()
    {
        await SetStock("ring-light-18", 500);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Add("ring-light-18", 10))));
        Assert.Equal(60, (await View()).Lines.Single().Quantity);

        Assert.Equal(98, await Add("ring-light-18", 38));
        var max = await Assert.ThrowsAsync<DomainException>(() => Add("ring-light-18", 2));
        Assert.Equal("cart.line_max", max.Code);
        Assert.Equal(99, await Add("ring-light-18", 1));
    }

    [Fact]
    public async Task The_add_statement_refuses_exactly_what_the_domain_refuses()
    {
        // Both writers decide with CartAddSql.Refusal, the domain's Cart.CheckAdd written in SQL: compare the two on
        // every combination of the rules' edges, in this provider's SQL dialect.
        int[] lineQuantities = [0, 1, 49, 98, 99], lineCounts = [0, 1, 49, 50, 51], added = [1, 2, 50, 99], stocks = [-1, 0, 1, 6, 98, 99, 100, 500];
        var cases = (from q in lineQuantities from c in lineCounts from a in added from s in stocks select (q, c, a, s)).ToList();

        var mismatches = await Db(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            var wrong = new List<string>();
            foreach (var (q, c, a, s) in cases)
            {
                command.CommandText = "SELECT " + CartAddSql.Refusal($"{q}", $"{c}", $"{a}", $"{s}");
                var sql = (CartRefusal)Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
                var domain = Domain.Carts.Cart.CheckAdd(q, c, a, s);
                if (sql != domain)
                {
                    wrong.Add($"line {q}, lines {c}, add {a}, stock {s}: SQL {sql}, domain {domain}");
                }
            }

            return wrong;
        });

        Assert.Empty(mismatches);
        // The grid reaches every rule (and none), so an agreement means something.
        Assert.Equal(Enum.GetValues<CartRefusal>().Order(), cases.Select(x => Domain.Carts.Cart.CheckAdd(x.q, x.c, x.a, x.s)).Distinct().Order());
    }

    [Fact]
    public async Task Update_changes_the_quantity_within_the_limits()
    {
        await Add("camera-dslr-pro", 1);
        var line = (await View()).Lines.Single();

        await Send(m => m.Send(new UpdateCartLineCommand(_visitor, line.LineId, 6)));
        Assert.Equal(6, await CartItems(_visitor));

        var overStock = await Assert.ThrowsAsync<DomainException>(() => Send(m => m.Send(new UpdateCartLineCommand(_visitor, line.LineId, 7))));
        Assert.Equal("cart.not_enough_stock", overStock.Code);
        await Assert.ThrowsAsync<ValidationException>(() => Send(m => m.Send(new UpdateCartLineCommand(_visitor, line.LineId, 0))));
        await Assert.ThrowsAsync<ValidationException>(() => Send(m => m.Send(new UpdateCartLineCommand(_visitor, line.LineId, 100))));
        Assert.Equal(6, await CartItems(_visitor));
    }

    [Fact]
    public async Task Another_visitors_line_is_not_found_and_left_alone()
    {
        await Add("webcam-4k-ultra", 2);
        var line = (await View()).Lines.Single();
        var intruder = Guid.NewGuid();
        await Add("ring-light-18", 1, intruder); // the intruder has a cart of their own

        await Assert.ThrowsAsync<NotFoundException>(() => Send(m => m.Send(new UpdateCartLineCommand(intruder, line.LineId, 1))));
        await Assert.ThrowsAsync<NotFoundException>(() => Send(m => m.Send(new RemoveCartLineCommand(intruder, line.LineId))));
        await Assert.ThrowsAsync<NotFoundException>(() => Send(m => m.Send(new RemoveCartLineCommand(Guid.NewGuid(), line.LineId))));

        Assert.Equal(2, await CartItems(_visitor));
        Assert.Equal(1, await CartItems(intruder));
    }

    [Fact]
    public async Task Remove_and_clear()
    {
        await Add("webcam-4k-ultra", 2);
        await Add("ring-light-18", 1);
        var webcam = (await View()).Lines.Single(l => l.Name == "Webcam 4K Ultra");

        await Send(m => m.Send(new RemoveCartLineCommand(_visitor, webcam.LineId)));
        Assert.Equal(["Ring Light 18\""], (await View()).Lines.Select(l => l.Name));
        await Assert.ThrowsAsync<NotFoundException>(() => Send(m => m.Send(new RemoveCartLineCommand(_visitor, webcam.LineId))));

        await Send(m => m.Send(new ClearCartCommand(_visitor)));
        var cart = await View();
        Assert.True(cart.IsEmpty);
        Assert.Equal(0m, cart.Total.Amount);
        Assert.Equal(0m, cart.Shipping.Amount); // no shipping on an empty cart
    }

    [Fact]
    public async Task A_visitor_without_cart_sees_an_empty_one()
    {
        Assert.True((await View(Guid.NewGuid())).IsEmpty);
        Assert.True((await Send(m => m.Send(new ViewCartCommand(null)))).IsEmpty);
        Assert.Equal(0, await Send(m => m.Send(new GetCartItemCountQuery(Guid.NewGuid()))));
    }

    [Fact]
    public async Task A_price_change_is_reported_once_and_the_cart_uses_the_new_price()
    {
        await Add("webcam-4k-ultra", 2);
        await SetPrice("webcam-4k-ultra", 799.90m);

        var first = await View();
        var line = first.Lines.Single();
        Assert.True(first.HasPriceChanges);
        Assert.True(line.PriceChanged);
        Assert.Equal(899.90m, line.PreviousPrice.Amount);
        Assert.Equal(799.90m, line.UnitPrice.Amount);
        Assert.Equal(2 * 799.90m + 10m, first.Total.Amount);

        var second = await View();
        Assert.False(second.HasPriceChanges);
        Assert.Equal(2 * 799.90m + 10m, second.Total.Amount);
    }

    [Fact]
    public async Task Stock_that_dropped_below_the_cart_blocks_checkout_but_keeps_the_line()
    {
        await Add("webcam-4k-ultra", 3);
        await SetStock("webcam-4k-ultra", 2);

        var cart = await View();

        Assert.True(cart.Lines.Single().ExceedsStock);
        Assert.False(cart.CanCheckout);
        Assert.Equal(0m, cart.Subtotal.Amount); // only purchasable lines count
    }
}

[Collection(AppCollection.Name)]
public sealed class PostgresCartTests(AppFixture app) : CartTests(app);

// In the PostgreSQL tests' collection, as SqliteTests: not at the same time as the SQL command counting test.
[Collection(AppCollection.Name)]
public sealed class SqliteCartTests(SqliteFixture sqlite) : CartTests(sqlite), IClassFixture<SqliteFixture>;
