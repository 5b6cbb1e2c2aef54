using FakeShop.Application.Common.Exceptions;
using FakeShop.Domain.Carts;

namespace FakeShop.Application.Carts.AddToCart;

/// <summary>
/// Adds units to the visitor's cart and returns the new item count for the navigation badge.
/// <para>
/// The add is one atomic statement (<see cref="ICartItemWriter"/>), not load-the-cart / change / save: that was ~10
/// SQL statements with a transaction, and two adds of the same product at the same moment (a double click, two tabs)
/// could both read quantity N and both write N+1, losing one. The rules of <see cref="Cart.AddItem"/> (at most
/// <see cref="Quantity.Max"/> per line, never more than the stock, at most <see cref="Cart.MaxLines"/> lines) are
/// therefore checked by the statement itself, with the same rule (<see cref="Cart.CheckAdd"/>); it returns the rule it
/// applied as a <see cref="CartRefusal"/>, which <see cref="Cart.Refusal"/> turns into the domain's code and message.
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

            if (result.Refusal != CartRefusal.None)
            {
                throw Cart.Refusal(result.Refusal, result.Stock);
            }

            // Allowed on the statement's snapshot but refused on the row it then locked: another request of the same
            // visitor changed the line in between. Rare; the next attempt sees the new state.
            if (attempt >= MaxAttempts)
            {
                throw new DomainException("cart.busy", "The cart changed while adding; please try again.");
            }
        }
    }
}
