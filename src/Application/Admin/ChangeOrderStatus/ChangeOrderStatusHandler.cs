using FakeShop.Application.Common.Abstractions;
using FakeShop.Domain.Ordering;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Application.Admin.ChangeOrderStatus;

/// <summary>
/// Moves an order through the domain's state machine. Cancelling puts the lines back in stock in the same
/// SaveChanges, so the status and the stock can never disagree.
/// </summary>
public sealed class ChangeOrderStatusHandler(IShopDbContext db, TimeProvider clock) : ICommandHandler<ChangeOrderStatusCommand, AdminResult>
{
    public async ValueTask<AdminResult> Handle(ChangeOrderStatusCommand command, CancellationToken cancellationToken)
    {
        var number = command.Number.Trim().ToUpperInvariant();
        var order = await db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Number == number, cancellationToken);
        if (order is null)
        {
            return AdminResult.NotFound;
        }

        if (!OrderStatusMachine.CanMove(order.Status, command.Target))
        {
            return new AdminResult(AdminOutcome.IllegalTransition, Detail: $"An order that is {order.Status} cannot become {command.Target}.");
        }

        var now = clock.GetUtcNow();
        order.MoveTo(command.Target, command.ChangedBy, now);
        if (command.Target == OrderStatus.Cancelled)
        {
            var quantities = order.Lines.GroupBy(l => l.ProductId).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
            var products = await db.Products.Where(p => quantities.Keys.Contains(p.Id)).ToListAsync(cancellationToken);
            foreach (var product in products)
            {
                product.AdjustStock(quantities[product.Id], now);
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another admin moved the order (or a checkout touched the stock) first; nothing of ours was written.
            return AdminResult.Conflict;
        }

        return AdminResult.Done();
    }
}
