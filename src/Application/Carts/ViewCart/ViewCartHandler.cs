using FakeShop.Application.Common.Abstractions;
using Mediator;
using Microsoft.Extensions.Options;

namespace FakeShop.Application.Carts.ViewCart;

public sealed class ViewCartHandler(IShopDbContext db, IOptions<ShippingOptions> shipping) : ICommandHandler<ViewCartCommand, CartVm>
{
    public async ValueTask<CartVm> Handle(ViewCartCommand command, CancellationToken cancellationToken)
    {
        if (command.VisitorId is not { } visitorId)
        {
            return CartVm.Empty;
        }

        var cart = await db.FindAsync(visitorId, cancellationToken);
        if (cart is null)
        {
            return CartVm.Empty;
        }

        var vm = await CartPricing.PriceAsync(db, cart, shipping.Value, cancellationToken);
        if (vm.HasPriceChanges)
        {
            CartPricing.RecordPricesShown(cart, vm);
            await db.SaveChangesAsync(cancellationToken);
        }

        return vm;
    }
}
