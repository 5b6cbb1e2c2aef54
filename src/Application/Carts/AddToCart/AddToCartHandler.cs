using FakeShop.Application.Common;
using FakeShop.Application.Common.Exceptions;
using FakeShop.Domain.Carts;
using FakeShop.Domain.Common;
using Mediator;

namespace FakeShop.Application.Carts.AddToCart;

/// <summary>
/// Adds units to the visitor's cart and returns the new item count for the navigation badge.
/// <para>
/// The add is one atomic statement (<see cref="ICartItemWriter"/>), not load-the-cart / change / save: that was ~10
/// SQL statements with a transaction, and two adds of the same product at the same moment (a double click, two tabs)
/// could both read quantity N and both write N+1, losing one. The rules of <see cref="Cart.AddItem"/> (at most
/// <see cref="Quantity.Max"/> per line, never more than the stock, at most <see cref="Cart.MaxLines"/> lines) are
/// therefore checked by the statement itself; when it refuses, the refusal is explained by replaying the add on the
/// domain aggregate with the numbers the database saw, so the customer gets the domain's own rule code and message.
/// </para>
/// </summary>
public sealed class AddToCartHandler(ICartItemWriter carts, TimeProvider clock, ShopMetrics metrics) : ICommandHandler<AddToCartCommand, int>
{
    private const int MaxAttempts = 5;

    public async ValueTask<int> Handle(AddToCartCommand command, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var result = await carts.AddAsync(command.VisitorId, command.ProductId, command.Quantity, now, cancellationToken);
            if (!result.ProductFound)
            {
                throw new NotFoundException("Product not found.");
            }

            if (result.Added)
            {
                metrics.AddedToCart(command.Quantity);
                return result.ItemCount;
            }

            // Throws the domain's exception for the rule the database applied.
            ExplainRefusal(command, result, now);

            // The aggregate accepts what the database refused: the cart changed between the statement's snapshot
            // and its write (another request of the same visitor). Rare; the next attempt sees the new state.
            if (attempt >= MaxAttempts)
            {
                throw new DomainException("cart.busy", "The cart changed while adding; please try again.");
            }
        }
    }

    /// <summary>
    /// Replays the add on a throwaway aggregate holding what the database saw: the other lines (their products do not
    /// matter, only how many there are) and this product's line. <see cref="Cart.AddItem"/> then throws exactly what it
    /// would have thrown had the cart been loaded.
    /// </summary>
    internal static void ExplainRefusal(AddToCartCommand command, CartItemAddition seen, DateTimeOffset now)
    {
        var cart = new Cart(command.VisitorId, now);
        var hasLine = seen.LineQuantity > 0;
        var otherLines = Math.Min(seen.LineCount - (hasLine ? 1 : 0), Cart.MaxLines - (hasLine ? 1 : 0));
        for (var i = 0; i < otherLines; i++)
        {
            // Placeholder product ids that cannot collide with a real (positive) one.
            cart.AddItem(-1 - i, Quantity.Min, int.MaxValue, Money.Zero, now);
        }

        if (hasLine)
        {
            cart.AddItem(command.ProductId, Math.Min(seen.LineQuantity, Quantity.Max), int.MaxValue, Money.Zero, now);
        }

        cart.AddItem(command.ProductId, command.Quantity, seen.Stock, Money.Zero, now);
    }
}
