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

        var vm = await CartPricing.ShowAsync(db, visitorId, shipping.Value, cancellationToken);
        if (vm.HasPriceChanges)
        {
            // Rare (once per price change): only now is the cart loaded for writing.
            var cart = await db.FindAsync(visitorId, cancellationToken);
            if (cart is not null)
            {
                CartPricing.RecordPricesShown(cart, vm);
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        return vm;
    }
}
