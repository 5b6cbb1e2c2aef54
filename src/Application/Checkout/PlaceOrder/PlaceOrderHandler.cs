using FakeShop.Application.Carts;
using FakeShop.Application.Common;
using FakeShop.Application.Common.Abstractions;
using FakeShop.Application.Payments;
using FakeShop.Domain.Brazil;
using FakeShop.Domain.Ordering;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FakeShop.Application.Checkout.PlaceOrder;

/// <summary>
/// Places an order in one transaction: re-price, take stock with conditional updates, snapshot the lines, authorize
/// the payment, empty the cart. Anything short of an approved payment rolls everything back.
/// </summary>
public sealed class PlaceOrderHandler(
    IShopDbContext db,
    IPaymentGateway gateway,
    IOptions<ShippingOptions> shipping,
    TimeProvider clock,
    ShopMetrics metrics) : ICommandHandler<PlaceOrderCommand, PlaceOrderResult>
{
    /// <summary>Same words as the validator's rule for a missing token, so the web layer translates both.</summary>
    public const string ExpiredFormMessage = "The form has expired. Please review your order and try again.";

    public async ValueTask<PlaceOrderResult> Handle(PlaceOrderCommand command, CancellationToken cancellationToken)
    {
        if (await FindExistingAsync(command, cancellationToken) is { } existing)
        {
            return existing;
        }

        var cart = await db.FindAsync(command.VisitorId, cancellationToken);
        if (cart is null || cart.IsEmpty)
        {
            // A concurrent submit of the same form may have just placed the order and emptied the cart.
            return await FindExistingAsync(command, cancellationToken) ?? Fail(PlaceOrderOutcome.CartEmpty, "cart_empty");
        }

        var priced = await CartPricing.PriceAsync(db, cart, shipping.Value, cancellationToken);
        var unavailable = priced.Lines.Where(l => l.IsUnavailable && !l.IsActive).Select(l => l.Name).ToList();
        if (unavailable.Count > 0)
        {
            return Fail(PlaceOrderOutcome.Unavailable, "unavailable", unavailable);
        }

        // Stock that ran out (or below the quantity) since the cart was filled is "sold out", the same answer the
        // conditional update below gives when another customer takes the last units a moment later.
        var shortOfStock = priced.Lines.Where(l => !l.IsPurchasable).Select(l => l.Name).ToList();
        if (shortOfStock.Count > 0)
        {
            metrics.SoldOut();
            return Fail(PlaceOrderOutcome.SoldOut, "sold_out", shortOfStock);
        }

        if (priced.HasPriceChanges)
        {
            // Never charge a price the customer has not seen: record it as seen and ask them to confirm.
            CartPricing.RecordPricesShown(cart, priced);
            await db.SaveChangesAsync(cancellationToken);
            return Fail(PlaceOrderOutcome.PricesChanged, "prices_changed", priced.Lines.Where(l => l.PriceChanged).Select(l => l.Name).ToList());
        }

        var now = clock.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);

            // Lock rows in a fixed order so that two carts with the same products cannot deadlock.
            foreach (var line in priced.Lines.OrderBy(l => l.ProductId))
            {
                var taken = await db.Products
                    .Where(p => p.Id == line.ProductId && p.IsActive && p.Stock >= line.Quantity)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock - line.Quantity), ct);
                if (taken == 0)
                {
                    await transaction.RollbackAsync(ct);

                    // The units may have gone to a concurrent submit of this very form: then that is the answer.
                    if (await FindExistingAsync(command, ct) is { } placedMeanwhile)
                    {
                        return placedMeanwhile;
                    }

                    metrics.SoldOut();
                    return Fail(PlaceOrderOutcome.SoldOut, "sold_out", [line.Name]);
                }
            }

            var order = new Order(
                OrderNumber.New(),
                command.VisitorId,
                command.CheckoutToken,
                new CustomerDetails(command.FirstName, command.LastName, command.Email, command.Phone, Cpf.Parse(command.Cpf)),
                new Address(
                    Cep.Parse(command.Cep), command.Street, command.Number, command.Complement, command.District, command.City, Uf.Parse(command.Uf)),
                priced.Lines.Select(l => (l.ProductId, l.Name, l.UnitPrice, l.Quantity)),
                priced.Shipping,
                PaymentMethod.Card,
                now.AddMinutes(15),
                now);

            _ = CardExpiry.TryParse(command.CardExpiry, out var month, out var year); // the validator has checked it
            var payment = await gateway.AuthorizeAsync(
                new PaymentRequest(CardBrand.Normalize(command.CardNumber), command.CardHolder, month, year, command.Cvv, order.Total, order.Number),
                ct);
            if (payment.Outcome != PaymentOutcome.Approved)
            {
                await transaction.RollbackAsync(ct);
                if (payment.Outcome == PaymentOutcome.Declined)
                {
                    metrics.PaymentDeclined();
                    return Fail(PlaceOrderOutcome.PaymentDeclined, "payment_declined");
                }

                return Fail(PlaceOrderOutcome.PaymentFailed, "payment_failed");
            }

            order.ConfirmCardPayment(new PaymentDetails(payment.CardBrand, payment.CardLast4, payment.AuthorizationId!), "gateway", now);
            db.Orders.Add(order);
            cart.Clear(now);

            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateException ex)
            {
                await transaction.RollbackAsync(ct);

                // A concurrent submit of the same form won the race: answer with its order. Depending on which
                // statement meets the winner's rows first this is the token's unique violation or the cart lines
                // the winner already deleted (a concurrency exception). An order-number collision, 1 in 10^12 per
                // pair, surfaces as an error the customer can simply retry.
                return await FindExistingAsync(command, ct) ?? throw new InvalidOperationException("Order could not be saved.", ex);
            }

            metrics.OrderPlaced(order.Total);
            return new PlaceOrderResult(PlaceOrderOutcome.Placed, order.Number);
        }, cancellationToken);
    }

    /// <summary>
    /// The order this form already placed, if any. A token that belongs to another visitor's order (a replayed or
    /// tampered form) is refused as an expired form: it must neither reveal that order nor crash on the unique index.
    /// </summary>
    private async Task<PlaceOrderResult?> FindExistingAsync(PlaceOrderCommand command, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking()
            .Where(o => o.CheckoutToken == command.CheckoutToken)
            .Select(o => new { o.Number, o.VisitorId })
            .FirstOrDefaultAsync(ct);
        if (order is null)
        {
            return null;
        }

        if (order.VisitorId != command.VisitorId)
        {
            throw new ValidationException([new ValidationFailure(nameof(PlaceOrderCommand.CheckoutToken), ExpiredFormMessage)]);
        }

        return new PlaceOrderResult(PlaceOrderOutcome.AlreadyPlaced, order.Number);
    }

    private PlaceOrderResult Fail(PlaceOrderOutcome outcome, string reason, IReadOnlyList<string>? products = null)
    {
        metrics.CheckoutFailed(reason);
        return new PlaceOrderResult(outcome, null, products);
    }
}
