using FakeShop.Application.Common;
using FakeShop.Application.Payments;
using FakeShop.Domain.Ordering;

namespace FakeShop.Infrastructure.Persistence.Orders;

/// <summary>
/// The card approval on SQLite: the change tracker's save (an UPDATE and an INSERT in a transaction of their own) of
/// the order this provider's reservation left tracked, whose original version is the one written. One writer at a
/// time and every commit durable: there is nothing to share between checkouts. An untracked order is refused rather
/// than silently saving nothing.
/// </summary>
internal sealed class SqliteCardApprovalWriter(ShopDbContext db) : ICardApprovalWriter
{
    public Task SaveAsync(Order order, int writtenVersion, CancellationToken ct)
    {
        if (db.Entry(order).State == EntityState.Detached)
        {
            throw new InvalidOperationException("This provider saves a card approval of a tracked order only.");
        }

        return db.SaveAsync(ct);
    }
}
