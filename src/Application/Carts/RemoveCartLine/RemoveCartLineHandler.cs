using FakeShop.Application.Common.Abstractions;
using FakeShop.Application.Common.Exceptions;
using FakeShop.Domain.Carts;
using Mediator;

namespace FakeShop.Application.Carts.RemoveCartLine;

public sealed class RemoveCartLineHandler(IShopDbContext db, TimeProvider clock) : ICommandHandler<RemoveCartLineCommand>
{
    public async ValueTask<Unit> Handle(RemoveCartLineCommand command, CancellationToken cancellationToken)
    {
        var cart = await db.FindAsync(command.VisitorId, cancellationToken) ?? throw new NotFoundException("Cart not found.");
        try
        {
            cart.RemoveLine(command.LineId, clock.GetUtcNow());
        }
        catch (CartLineNotFoundException)
        {
            throw new NotFoundException("Cart line not found.");
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
