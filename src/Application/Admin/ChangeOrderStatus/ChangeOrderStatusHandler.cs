using FakeShop.Application.Catalog;
using FakeShop.Application.Common.Abstractions;
using FakeShop.Domain.Ordering;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Application.Admin.ChangeOrderStatus;

/// <summary>
/// Moves an order through the domain's state machine, as far as staff may move it (an order awaiting payment belongs
/// to the payment flow). Cancelling puts the lines back in stock, relatively, in the same transaction as the
/// version-checked status change, so the status and the stock can never disagree and a cancel counts only once.
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

        if (!OrderStatusMachine.StaffNextOf(order.Status).Contains(command.Target))
        {
            return new AdminResult(AdminOutcome.IllegalTransition, Detail: $"An order that is {order.Status} cannot become {command.Target}.");
        }

        var now = clock.GetUtcNow();
        order.MoveTo(command.Target, command.ChangedBy, now);
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.SaveChangesAsync(ct);
                if (command.Target == OrderStatus.Cancelled)
                {
                    await StockStore.ReturnAsync(db, order.Lines.Select(l => (l.ProductId, l.Quantity)), ct);
                }

                await transaction.CommitAsync(ct);
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another admin moved the order first; nothing of ours was written.
            return AdminResult.Conflict;
        }

        return AdminResult.Done();
    }
}
