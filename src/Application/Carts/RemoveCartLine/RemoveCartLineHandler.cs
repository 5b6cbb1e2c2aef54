namespace FakeShop.Application.Carts.RemoveCartLine;

public sealed class RemoveCartLineHandler(IShopDbContext db, TimeProvider clock) : ICommandHandler<RemoveCartLineCommand>
{
    public async ValueTask<Unit> Handle(RemoveCartLineCommand command, CancellationToken cancellationToken)
    {
        var (cart, line) = await db.FindLineAsync(command.VisitorId, command.LineId, cancellationToken);
        cart.RemoveLine(line.Id, clock.GetUtcNow());

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
