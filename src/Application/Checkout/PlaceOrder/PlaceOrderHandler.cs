using FakeShop.Application.Carts;
using FakeShop.Application.Catalog;
using FakeShop.Application.Payments;
using FakeShop.Application.Payments.Pix;
using FakeShop.Domain.Brazil;
using FakeShop.Domain.Carts;
using FakeShop.Domain.Catalog;
using FluentValidation.Results;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FakeShop.Application.Checkout.PlaceOrder;

/// <summary>
/// Order first, payment after (docs/decisions/0009-order-first-payment.md). A short transaction reserves the stock
/// with conditional relative updates, writes the order AwaitingPayment and empties the cart. Then, outside any
/// transaction and with a timeout, the gateway is asked to authorise, with the checkout token as idempotency key.
/// Approval marks the order Paid; a decline, failure or timeout marks it PaymentFailed, returns the units and puts
/// the lines back in the cart so the customer can try another card.
/// </summary>
public sealed partial class PlaceOrderHandler(
    IShopDbContext db,
    IPaymentGateway gateway,
    IPixGateway pixGateway,
    IOptions<PixOptions> pix,
    PaymentSettlement settlement,
    IOptions<ShippingOptions> shipping,
    IOptions<PaymentOptions> payments,
    TimeProvider clock,
    ShopMetrics metrics,
    ILogger<PlaceOrderHandler> logger) : ICommandHandler<PlaceOrderCommand, PlaceOrderResult>
{
    /// <summary>Same words as the validator's rule for a missing token, so the web layer translates both.</summary>
    public const string ExpiredFormMessage = "The form has expired. Please review your order and try again.";

    public async ValueTask<PlaceOrderResult> Handle(PlaceOrderCommand command, CancellationToken cancellationToken)
    {
        // The cart and the order this form placed, if any, in one statement (one snapshot): a concurrent submit of the
        // same form writes its order and empties the cart in one transaction, so this sees both or neither.
        var (loadCart, context) = CartAndForm.For(db);
        var loaded = await loadCart(context, command.VisitorId, command.CheckoutToken, cancellationToken);
        if (loaded is null)
        {
            // No cart at all: the form may still have placed an order (and the cart was removed since).
            return await FindExistingAsync(command, cancellationToken) ?? throw Refuse(CheckoutRefusal.CartEmpty, "cart_empty");
        }

        // Rare (a double submit, a resubmitted old form): the full answer needs the order's owner and status.
        if (loaded.PlacedNumber is not null && await FindExistingAsync(command, cancellationToken) is { } existing)
        {
            return existing;
        }

        var cart = loaded.Cart;
        if (cart.IsEmpty)
        {
            throw Refuse(CheckoutRefusal.CartEmpty, "cart_empty");
        }

        var priced = await CartPricing.PriceAsync(db, cart, shipping.Value, cancellationToken);
        var unavailable = priced.Lines.Where(l => l.IsUnavailable && !l.IsActive).Select(l => l.Name).ToList();
        if (unavailable.Count > 0)
        {
            throw Refuse(CheckoutRefusal.Unavailable, "unavailable", unavailable);
        }

        // Stock that ran out (or below the quantity) since the cart was filled is "sold out", the same answer the
        // conditional update below gives when another customer takes the last units a moment later.
        var shortOfStock = priced.Lines.Where(l => !l.IsPurchasable).Select(l => l.Name).ToList();
        if (shortOfStock.Count > 0)
        {
            metrics.SoldOut();
            throw Refuse(CheckoutRefusal.SoldOut, "sold_out", shortOfStock);
        }

        if (priced.HasPriceChanges)
        {
            // Never charge a price the customer has not seen: record it as seen and ask them to confirm.
            CartPricing.RecordPricesShown(cart, priced);
            await db.SaveChangesAsync(cancellationToken);
            throw Refuse(CheckoutRefusal.PricesChanged, "prices_changed", priced.Lines.Where(l => l.PriceChanged).Select(l => l.Name).ToList());
        }

        var now = clock.GetUtcNow();
        var order = new Order(
            OrderNumber.New(),
            command.VisitorId,
            command.CheckoutToken,
            new CustomerDetails(command.FirstName, command.LastName, command.Email, command.Phone, Cpf.Parse(command.Cpf)),
            new Address(
                Cep.Parse(command.Cep), command.Street, command.Number, command.Complement, command.District, command.City, Uf.Parse(command.Uf)),
            priced.Lines.Select(l => (l.ProductId, l.Name, l.UnitPrice, l.Quantity)),
            priced.Shipping,
            command.PaymentMethod,
            // A Pix order's reservation lasts as long as its charge can be paid (docs/decisions/0014-pix-payments.md).
            command.PaymentMethod == PaymentMethod.Pix ? now.AddMinutes(pix.Value.ExpiryMinutes) : now + payments.Value.Reservation,
            now);

        // Returns once the order is committed and on disk (ADR 20, 28): nobody outside the database may act on it before.
        var (placedMeanwhile, shownUnchanged) = await ReserveAsync(command, cart, order, priced, cancellationToken);
        if (placedMeanwhile is not null)
        {
            return placedMeanwhile;
        }

        if (order.PaymentMethod == PaymentMethod.Pix)
        {
            // Paid later, in the payer's bank app: the order waits for the provider's webhook or its expiry.
            // The charge is stored on the order as the database has it: the reservation leaves it untracked (ADR 33).
            var stored = await db.Orders.FirstAsync(o => o.Id == order.Id, CancellationToken.None);
            await PixCharges.StartAsync(db, pixGateway, pix.Value, stored, CancellationToken.None);
            metrics.OrderPlaced(order.Total);
            return new PlaceOrderResult(PlaceOrderOutcome.Placed, order.Number, shownUnchanged);
        }

        // From here on the order exists and holds stock: it is settled whatever happens to this request, so the
        // request's own cancellation (a closed tab) does not interrupt the payment or its recording.
        var answer = await AuthorizeAsync(command, order);
        var details = answer is { Outcome: PaymentOutcome.Approved, AuthorizationId: { } authorization }
            ? new PaymentDetails(answer.CardBrand, answer.CardLast4, authorization)
            : null;
        var status = await settlement.SettleAsync(order, details, "gateway", CancellationToken.None);

        if (status == OrderStatus.Paid)
        {
            metrics.OrderPlaced(order.Total);
            return new PlaceOrderResult(PlaceOrderOutcome.Placed, order.Number, shownUnchanged);
        }

        await PutBackInCartAsync(command.VisitorId, order, CancellationToken.None);

        if (answer?.Outcome == PaymentOutcome.Declined)
        {
            metrics.PaymentDeclined();
            throw Refuse(CheckoutRefusal.PaymentDeclined, "payment_declined", orderNumber: order.Number);
        }

        throw Refuse(CheckoutRefusal.PaymentFailed, answer is null ? "payment_timeout" : "payment_failed", orderNumber: order.Number);
    }

    /// <summary>
    /// The short transaction: write the order, empty the cart, then take every line's units (product-id order, so two
    /// carts cannot deadlock), commit and wait until the commit is on disk. When it committed: no order, and whether
    /// every take kept its product's shown stock level (ADR 25); the order a concurrent submit of this form placed;
    /// otherwise a refusal is thrown with nothing written.
    /// </summary>
    /// <remarks>
    /// Every buyer of a product queues on its row from the stock take to the end of the transaction, so the takes
    /// come last and go to the database together with the order's rows, the COMMIT and the flush, in one round trip
    /// (no savepoints: a failure rolls back the whole transaction anyway). The commit does not wait for the disk while
    /// holding those rows; the flush after it holds none, and comes back before the gateway or the customer hears of
    /// the order (docs/decisions/0020, 0028, 0029).
    /// </remarks>
    private async Task<(PlaceOrderResult? PlacedMeanwhile, bool ShownUnchanged)> ReserveAsync(
        PlaceOrderCommand command, Cart cart, Order order, CartVm priced, CancellationToken cancellationToken)
    {
        // Product-id order, so two carts cannot deadlock.
        var lines = priced.Lines.OrderBy(l => l.ProductId).ToList();
        var takes = lines.ConvertAll(l => new StockTake(l.ProductId, l.Quantity));
        var strategy = db.Database.CreateExecutionStrategy();
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            return await strategy.ExecuteAsync(async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                StockTakes taken;
                try
                {
                    // The order's rows, the cart's emptying, the takes, the COMMIT and the flush: on PostgreSQL one
                    // round trip (ADR 28, 29), so a hot product's row stays locked for the statements' execution only.
                    taken = await db.PlaceOrderAndCommitDurablyAsync(order, cart, takes, ct);
                }
                catch (DbUpdateException ex)
                {
                    await transaction.RollbackAsync(ct);
                    db.DiscardChanges();

                    // A concurrent submit of the same form won the race: answer with its order. Depending on which
                    // statement meets the winner's rows first this is the token's unique violation or the cart lines
                    // the winner already deleted (a concurrency exception). Another form of the same cart (a second
                    // tab) meets the deleted lines too: its cart changed under it, which the customer is told.
                    if (await FindExistingAsync(command, ct) is { } placedMeanwhile)
                    {
                        return (placedMeanwhile, false);
                    }

                    if (ex is DbUpdateConcurrencyException)
                    {
                        throw Refuse(CheckoutRefusal.CartChanged, "cart_changed");
                    }

                    // An order-number collision, 1 in 10^12 per pair, surfaces as an error the customer can retry.
                    throw new InvalidOperationException("Order could not be saved.", ex);
                }

                if (taken.ShortAt is { } shortAt)
                {
                    await transaction.RollbackAsync(ct);
                    db.DiscardChanges();
                    metrics.SoldOut();
                    throw Refuse(CheckoutRefusal.SoldOut, "sold_out", [lines[shortAt].Name]);
                }

                var shownUnchanged = true;
                for (var i = 0; i < takes.Count; i++)
                {
                    // Under the row lock, so the stock before this take was exactly left + quantity.
                    shownUnchanged &= !ShownStock.Changes(taken.Left[i] + takes[i].Quantity, taken.Left[i]);
                }

                return ((PlaceOrderResult?)null, shownUnchanged);
            }, cancellationToken);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    /// <summary>Asks the gateway, outside any transaction; null when it did not answer in time or could not be reached.</summary>
    private async Task<PaymentResult?> AuthorizeAsync(PlaceOrderCommand command, Order order)
    {
        _ = CardExpiry.TryParse(command.CardExpiry, out var month, out var year); // the validator has checked it
        var request = new PaymentRequest(
            CardBrand.Normalize(command.CardNumber), command.CardHolder, month, year, command.Cvv, order.Total, order.Number,
            IdempotencyKey(command.CheckoutToken));
        using var timeout = new CancellationTokenSource(payments.Value.GatewayTimeout);
        try
        {
            return await gateway.AuthorizeAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            LogGatewayTimeout(logger, order.Number, payments.Value.GatewayTimeoutSeconds);
            return null;
        }
        catch (HttpRequestException ex)
        {
            LogGatewayUnreachable(logger, ex, order.Number);
            return null;
        }
    }

    /// <summary>The idempotency key the gateway sees for a checkout form: its token.</summary>
    public static string IdempotencyKey(Guid checkoutToken) => checkoutToken.ToString("N");

    /// <summary>
    /// The customer's cart held these lines a moment ago: give them back so another card is one click away. Best
    /// effort: the order is already settled, and a cart changed meanwhile (another tab) keeps what it has.
    /// </summary>
    private async Task PutBackInCartAsync(Guid visitorId, Order order, CancellationToken ct)
    {
        db.DiscardChanges();
        var now = clock.GetUtcNow();
        var cart = await db.FindOrCreateAsync(visitorId, now, ct);
        try
        {
            foreach (var line in order.Lines.Where(l => cart.Lines.All(c => c.ProductId != l.ProductId)))
            {
                // The units were released a moment ago, so they are the ones available to this line.
                cart.AddItem(line.ProductId, line.Quantity, available: line.Quantity, line.UnitPrice, now);
            }

            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or DomainException)
        {
            db.DiscardChanges();
        }
    }

    /// <summary>
    /// The order this form already placed, if any. A token that belongs to another visitor's order (a replayed or
    /// tampered form) is refused as an expired form: it must neither reveal that order nor crash on the unique index.
    /// A form whose payment failed stays failed: the page hands out a fresh form for the next attempt.
    /// </summary>
    private async Task<PlaceOrderResult?> FindExistingAsync(PlaceOrderCommand command, CancellationToken ct)
    {
        var (byToken, context) = ByToken.For(db);
        var order = await byToken(context, command.CheckoutToken, ct);
        if (order is null)
        {
            return null;
        }

        if (order.VisitorId != command.VisitorId)
        {
            throw new ValidationException([new ValidationFailure(nameof(PlaceOrderCommand.CheckoutToken), ExpiredFormMessage)]);
        }

        // The submit that placed it may not have seen it reach the disk yet (ADR 20); this answer must not come first.
        await db.WaitUntilDurableAsync(ct);

        return order.Status == OrderStatus.PaymentFailed
            ? throw new CheckoutRefusedException(CheckoutRefusal.PaymentFailed, [], order.Number)
            : new PlaceOrderResult(PlaceOrderOutcome.AlreadyPlaced, order.Number);
    }

    // Every checkout POST asks this first (and again on a race).
    private static readonly CompiledPerModel<Func<DbContext, Guid, CancellationToken, Task<PlacedForm?>>> ByToken = new(CompileByToken);

    private static Func<DbContext, Guid, CancellationToken, Task<PlacedForm?>> CompileByToken() =>
        EF.CompileAsyncQuery((DbContext db, Guid token, CancellationToken ct) =>
            db.Set<Order>().AsNoTracking()
                .Where(o => o.CheckoutToken == token)
                .Select(o => new PlacedForm(o.Number, o.VisitorId, o.Status))
                .FirstOrDefault());

    private sealed record PlacedForm(string Number, Guid VisitorId, OrderStatus Status);

    // Every checkout POST starts here: the tracked cart with its lines and the order placed with this form's token.
    private static readonly CompiledPerModel<Func<DbContext, Guid, Guid, CancellationToken, Task<LoadedCart?>>> CartAndForm = new(CompileCartAndForm);

    private static Func<DbContext, Guid, Guid, CancellationToken, Task<LoadedCart?>> CompileCartAndForm() =>
        EF.CompileAsyncQuery((DbContext db, Guid visitorId, Guid token, CancellationToken ct) =>
            db.Set<Cart>().Include(c => c.Lines)
                .Where(c => c.VisitorId == visitorId)
                // A scalar subquery, not a lateral join: SQLite has no APPLY, and PostgreSQL runs it once (uncorrelated).
                .Select(c => new LoadedCart(c, db.Set<Order>().Where(o => o.CheckoutToken == token).Select(o => o.Number).FirstOrDefault()))
                .FirstOrDefault());

    private sealed record LoadedCart(Cart Cart, string? PlacedNumber);

    private CheckoutRefusedException Refuse(CheckoutRefusal refusal, string reason, IReadOnlyList<string>? products = null, string? orderNumber = null)
    {
        metrics.CheckoutFailed(reason);
        return new CheckoutRefusedException(refusal, products ?? [], orderNumber);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment gateway gave no answer for order {OrderNumber} within {Seconds} s; the payment is failed and its stock released")]
    private static partial void LogGatewayTimeout(ILogger logger, string orderNumber, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment gateway unreachable for order {OrderNumber}; the payment is failed and its stock released")]
    private static partial void LogGatewayUnreachable(ILogger logger, Exception exception, string orderNumber);
}
