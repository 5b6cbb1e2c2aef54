using FakeShop.Application.Common.Abstractions;
using FakeShop.Application.Common.Exceptions;
using FakeShop.Domain.Carts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Application.Carts.UpdateCartLine;

public sealed class UpdateCartLineHandler(IShopDbContext db, TimeProvider clock) : ICommandHandler<UpdateCartLineCommand>
{
    public async ValueTask<Unit> Handle(UpdateCartLineCommand command, CancellationToken cancellationToken)
    {
        var cart = await db.FindAsync(command.VisitorId, cancellationToken) ?? throw new NotFoundException("Cart not found.");
        CartLine line;
        try
        {
            line = cart.FindLine(command.LineId);
        }
        catch (CartLineNotFoundException)
        {
            throw new NotFoundException("Cart line not found.");
        }

        var stock = await db.Products.Where(p => p.Id == line.ProductId && p.IsActive).Select(p => (int?)p.Stock)
            .FirstOrDefaultAsync(cancellationToken) ?? 0;
        cart.SetQuantity(command.LineId, command.Quantity, stock, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
