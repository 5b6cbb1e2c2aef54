using FakeShop.Application.Orders.GetMyOrder;
using FakeShop.Application.Orders.ListMyOrders;
using FluentValidation;

namespace FakeShop.Application.Tests;

/// <summary>Issue 3: placing an order — totals, stock, payment outcomes, idempotency and the last-units race.</summary>
public sealed class CheckoutTests(AppFixture app) : UseCaseTest(app)
{
    private readonly Guid _visitor = Guid.NewGuid();

    private async Task Add(string slug, int quantity, Guid? visitor = null)
    {
        var product = await Product(slug);
        await Send(m => m.Send(new AddToCartCommand(visitor ?? _visitor, product.Id, quantity)));
    }

    private Task<CheckoutAnswer> Place(PlaceOrderCommand command) => CheckoutAnswer.Of(() => Send(m => m.Send(command)));

    [Fact]
    public async Task Happy_path_places_a_snapshot_order_takes_stock_and_empties_the_cart()
    {
        await Add("webcam-4k-ultra", 2);
        await Add("ring-light-18", 1);

        var result = await Place(Checkout(_visitor));

        Assert.Equal(PlaceOrderOutcome.Placed, result.Outcome);
        Assert.True(OrderNumber.IsWellFormed(result.OrderNumber));
        Assert.Equal(23, (await Product("webcam-4k-ultra")).Stock);
        Assert.Equal(34, (await Product("ring-light-18")).Stock);
        Assert.Equal(0, await CartItems(_visitor));

        var order = await Send(m => m.Send(new GetMyOrderQuery(_visitor, result.OrderNumber!)));
        Assert.Equal(OrderStatus.Paid, order.Status); // issue 12: AwaitingPayment, then Paid on approval
        Assert.Equal(2 * 899.90m + 279.90m, order.Subtotal.Amount);
        Assert.Equal(10.00m, order.Shipping.Amount);
        Assert.Equal(2 * 899.90m + 279.90m + 10.00m, order.Total.Amount);
        Assert.Equal([("Webcam 4K Ultra", 899.90m, 2), ("Ring Light 18\"", 279.90m, 1)],
            order.Lines.Select(l => (l.ProductName, l.UnitPrice.Amount, l.Quantity)).OrderByDescending(l => l.Amount));
        Assert.Equal(("Ana Souza", "ana.souza@example.com"), (order.CustomerName, order.Email));
        Assert.Equal(("São Paulo", "01310-100", "SP", "***.456.789-**"), (order.ShippingAddress.City, order.ShippingAddress.Cep.ToString(), order.ShippingAddress.Uf.Code, order.MaskedCpf));
        Assert.Equal("1111", order.CardLast4);
        Assert.Equal("Visa", order.CardBrand);

        // Lines are snapshots: later catalogue edits do not rewrite history.
        await SetPrice("webcam-4k-ultra", 1.00m);
        await Db(db => db.Products.Where(p => p.Slug == "webcam-4k-ultra").ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, "Renamed")));
        var later = await Send(m => m.Send(new GetMyOrderQuery(_visitor, result.OrderNumber!)));
        Assert.Contains(later.Lines, l => l.ProductName == "Webcam 4K Ultra" && l.UnitPrice.Amount == 899.90m);
        Assert.Equal(order.Total, later.Total);

        var mine = await Send(m => m.Send(new ListMyOrdersQuery(_visitor)));
        Assert.Equal([(result.OrderNumber!, 3, OrderStatus.Paid)], mine.Select(o => (o.Number, o.ItemCount, o.Status)));
        Assert.Empty(await Send(m => m.Send(new ListMyOrdersQuery(Guid.NewGuid()))));
    }

    [Theory]
    [InlineData(FakePaymentGateway.DeclinedCard, CheckoutRefusal.PaymentDeclined)]
    [InlineData(FakePaymentGateway.FailingCard, CheckoutRefusal.PaymentFailed)]
    public async Task A_payment_that_is_not_approved_releases_the_stock_and_keeps_the_cart(string card, CheckoutRefusal expected)
    {
        await Add("webcam-4k-ultra", 2);

        var command = Checkout(_visitor, card: card);
        var result = await Place(command);

        // Issue 12: the order is written before the payment, so a refused payment leaves it PaymentFailed (it used
        // to leave no order at all); the stock and the cart are as before.
        Assert.Equal(expected, result.Refusal);
        Assert.Equal(25, (await Product("webcam-4k-ultra")).Stock);
        Assert.Equal(2, await CartItems(_visitor));
        var failed = await Db(db => db.Orders.AsNoTracking().SingleAsync());
        Assert.Equal((result.OrderNumber, OrderStatus.PaymentFailed), (failed.Number, failed.Status));
        Assert.Null(failed.Payment);

        // The same form again is the same failed payment, not a second charge attempt.
        Assert.Equal(CheckoutRefusal.PaymentFailed, (await Place(command)).Refusal);
        Assert.Equal(25, (await Product("webcam-4k-ultra")).Stock);

        // The page hands out a new form (new token): paying again with a good card works.
        var retry = await Place(Checkout(_visitor));
        Assert.Equal(PlaceOrderOutcome.Placed, retry.Outcome);
        Assert.Equal(23, (await Product("webcam-4k-ultra")).Stock);
        Assert.Equal(2, await OrderCount());
    }

    [Fact]
    public async Task The_same_token_twice_gives_the_same_single_order()
    {
        await Add("webcam-4k-ultra", 1);
        var command = Checkout(_visitor);

        var first = await Place(command);
        var second = await Place(command);

        Assert.Equal(PlaceOrderOutcome.Placed, first.Outcome);
        Assert.Equal(PlaceOrderOutcome.AlreadyPlaced, second.Outcome);
        Assert.True(second.Succeeded);
        Assert.Equal(first.OrderNumber, second.OrderNumber);
        Assert.Equal(1, await OrderCount());
        Assert.Equal(24, (await Product("webcam-4k-ultra")).Stock);
    }

    [Fact]
    public async Task The_same_token_sent_concurrently_gives_the_same_single_order()
    {
        for (var round = 0; round < 10; round++)
        {
            await Add("webcam-4k-ultra", 1);
            var command = Checkout(_visitor);

            var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Place(command))));

            Assert.All(results, r => Assert.True(r.Succeeded, $"round {round}: {r.Outcome}"));
            Assert.Single(results.Select(r => r.OrderNumber).Distinct());
            Assert.Equal(round + 1, await OrderCount());
            Assert.Equal(25 - (round + 1), (await Product("webcam-4k-ultra")).Stock);
        }
    }

    [Fact]
    public async Task A_token_of_another_visitors_order_is_refused_as_an_expired_form()
    {
        await Add("webcam-4k-ultra", 1);
        var token = Guid.NewGuid();
        var placed = await Place(Checkout(_visitor, token));
        var other = Guid.NewGuid();
        await Add("ring-light-18", 1, other);

        // Replaying someone else's form token must neither reveal their order nor crash on the unique index.
        var ex = await Assert.ThrowsAsync<ValidationException>(() => Place(Checkout(other, token)));

        Assert.Equal(["CheckoutToken"], ex.Errors.Select(e => e.PropertyName));
        Assert.DoesNotContain(placed.OrderNumber!, ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, await CartItems(other));
        Assert.Equal(35, (await Product("ring-light-18")).Stock);
        Assert.Equal(1, await OrderCount());

        // With a fresh form the other visitor buys normally.
        Assert.Equal(PlaceOrderOutcome.Placed, (await Place(Checkout(other))).Outcome);
    }

    [Fact]
    public async Task Changed_prices_are_shown_before_anyone_pays_them()
    {
        await Add("webcam-4k-ultra", 1);
        await SetPrice("webcam-4k-ultra", 949.90m);
        var command = Checkout(_visitor);

        var first = await Place(command);

        Assert.Equal(CheckoutRefusal.PricesChanged, first.Refusal);
        Assert.Equal(["Webcam 4K Ultra"], first.Products);
        Assert.Equal(0, await OrderCount());
        Assert.Equal(25, (await Product("webcam-4k-ultra")).Stock);

        // Confirming again (the customer has now seen the price) charges the new price.
        var second = await Place(command);
        Assert.Equal(PlaceOrderOutcome.Placed, second.Outcome);
        var order = await Send(m => m.Send(new GetMyOrderQuery(_visitor, second.OrderNumber!)));
        Assert.Equal(949.90m + 10m, order.Total.Amount);
    }

    [Fact]
    public async Task An_empty_cart_places_nothing()
    {
        Assert.Equal(CheckoutRefusal.CartEmpty, (await Place(Checkout(_visitor))).Refusal);
        Assert.Equal(0, await OrderCount());
    }

    [Fact]
    public async Task Stock_that_fell_below_the_cart_quantity_is_sold_out_and_the_cart_is_kept()
    {
        await Add("webcam-4k-ultra", 3);
        await SetStock("webcam-4k-ultra", 2);

        var result = await Place(Checkout(_visitor));

        Assert.Equal(CheckoutRefusal.SoldOut, result.Refusal);
        Assert.Equal(["Webcam 4K Ultra"], result.Products);
        Assert.Equal(0, await OrderCount());
        Assert.Equal(2, (await Product("webcam-4k-ultra")).Stock);
        Assert.Equal(3, await CartItems(_visitor));
    }

    [Fact]
    public async Task A_product_withdrawn_from_sale_is_unavailable()
    {
        await Add("webcam-4k-ultra", 1);
        await Add("ring-light-18", 1);
        await Db(db => db.Products.Where(p => p.Slug == "ring-light-18").ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false)));

        var result = await Place(Checkout(_visitor));

        Assert.Equal(CheckoutRefusal.Unavailable, result.Refusal);
        Assert.Equal(["Ring Light 18\""], result.Products);
        Assert.Equal(0, await OrderCount());
        Assert.Equal(25, (await Product("webcam-4k-ultra")).Stock);
    }

    [Fact]
    public async Task Invalid_checkout_forms_are_rejected_field_by_field()
    {
        await Add("webcam-4k-ultra", 1);
        var bad = Checkout(_visitor) with
        {
            FirstName = "",
            Email = "not-an-email",
            Phone = "12",
            Cep = "ABC",
            Cpf = "123.456.789-00",
            Uf = "XX",
            CardNumber = "4111 1111 1111 1112",
            CardExpiry = "01/20",
            Cvv = "12a",
            CheckoutToken = Guid.Empty,
        };

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Place(bad));

        Assert.Equal(
            ["CardExpiry", "CardNumber", "Cep", "CheckoutToken", "Cpf", "Cvv", "Email", "FirstName", "Phone", "Uf"],
            ex.Errors.Select(e => e.PropertyName).Distinct().Order(StringComparer.Ordinal));
        Assert.DoesNotContain(ex.Errors, e => e.ErrorMessage.Contains("4111", StringComparison.Ordinal));
        Assert.Equal(0, await OrderCount());
    }

    [Fact]
    public async Task Only_the_stock_there_is_gets_sold_when_many_buy_the_last_units_at_once()
    {
        const int visitors = 24;
        var buyers = Enumerable.Range(0, visitors).Select(_ => Guid.NewGuid()).ToList();
        foreach (var buyer in buyers)
        {
            await Add("camera-dslr-pro", 1, buyer);
        }

        await SetStock("camera-dslr-pro", 5);

        // Each checkout in its own scope (its own DbContext and connection), all at once.
        var results = await Task.WhenAll(buyers.Select(b => Task.Run(() => Place(Checkout(b)))));

        Assert.Equal(5, results.Count(r => r.Outcome == PlaceOrderOutcome.Placed));
        Assert.Equal(visitors - 5, results.Count(r => r.Refusal == CheckoutRefusal.SoldOut));
        Assert.All(results.Where(r => r.Refusal == CheckoutRefusal.SoldOut), r => Assert.Equal(["Câmera DSLR Pro 24 MP"], r.Products));
        Assert.Equal(0, (await Product("camera-dslr-pro")).Stock);
        Assert.Equal(5, await OrderCount());

        var losers = buyers.Where((_, i) => results[i].Refusal == CheckoutRefusal.SoldOut).ToList();
        foreach (var loser in losers)
        {
            Assert.Equal(1, await CartItems(loser));
        }

        foreach (var winner in buyers.Except(losers))
        {
            Assert.Equal(0, await CartItems(winner));
        }
    }

    [Fact]
    public async Task Twenty_adjustments_racing_fifty_checkouts_lose_and_invent_no_units()
    {
        var result = await StockRace.RunAsync(App.Factory, "camera-dslr-pro", initial: 20, buyers: 50, adjustments: 20, v => Checkout(v));

        StockRace.AssertBalanced(result, buyers: 50, adjustments: 20);
    }
}
