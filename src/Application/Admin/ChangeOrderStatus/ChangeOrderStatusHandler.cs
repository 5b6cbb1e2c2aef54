using FakeShop.Application.Catalog;

namespace FakeShop.Application.Admin.ChangeOrderStatus;

/// <summary>
/// Moves an order through the domain's state machine, as far as staff may move it (an order awaiting payment belongs
/// to the payment flow). Cancelling puts the lines back in stock, relatively, in the same transaction as the
/// version-checked status change, so the status and the stock can never disagree and a cancel counts only once.
/// </summary>
public sealed class ChangeOrderStatusHandler(IShopDbContext db, TimeProvider clock) : ICommandHandler<ChangeOrderStatusCommand>
{
    public async ValueTask<Unit> Handle(ChangeOrderStatusCommand command, CancellationToken cancellationToken)
    {
        var number = command.Number.Trim().ToUpperInvariant();
        var order = await db.Orders.Include(o => o.Lines).LoadAsync(o => o.Number == number, cancellationToken);
        order.ChangeStatusByStaff(command.Target, command.ChangedBy, clock.GetUtcNow());
        await db.SaveInTransactionAsync(async ct =>
        {
            await db.SaveChangesAsync(ct);
            if (command.Target == OrderStatus.Cancelled)
            {
                await StockStore.ReturnAsync(db, order.Lines.Select(l => (l.ProductId, l.Quantity)), ct);
            }
        }, cancellationToken);
        return Unit.Value;
    }
}
