namespace FakeShop.Application.Carts.ClearCart;

public sealed class ClearCartHandler(IShopDbContext db, TimeProvider clock) : ICommandHandler<ClearCartCommand>
{
    public async ValueTask<Unit> Handle(ClearCartCommand command, CancellationToken cancellationToken)
    {
        var cart = await db.FindAsync(command.VisitorId, cancellationToken);
        if (cart is not null)
        {
            cart.Clear(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }

        return Unit.Value;
    }
}
