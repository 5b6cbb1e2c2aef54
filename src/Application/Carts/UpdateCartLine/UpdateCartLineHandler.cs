namespace FakeShop.Application.Carts.UpdateCartLine;

public sealed class UpdateCartLineHandler(IShopDbContext db, TimeProvider clock) : ICommandHandler<UpdateCartLineCommand>
{
    public async ValueTask<Unit> Handle(UpdateCartLineCommand command, CancellationToken cancellationToken)
    {
        var (cart, line) = await db.FindLineAsync(command.VisitorId, command.LineId, cancellationToken);
        var stock = await db.Products.Where(p => p.Id == line.ProductId && p.IsActive).Select(p => (int?)p.Stock)
            .FirstOrDefaultAsync(cancellationToken) ?? 0;
        cart.SetQuantity(command.LineId, command.Quantity, stock, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
