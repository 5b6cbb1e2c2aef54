using FakeShop.Domain.Carts;
using FakeShop.Domain.Catalog;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace FakeShop.Application.Common.Abstractions;

/// <summary>
/// The unit of work the use cases need. It exposes EF Core sets rather than hand-written repositories because the
/// read side projects straight to view models (see docs/decisions/0003-ef-core-in-application.md).
/// </summary>
public interface IShopDbContext
{
    DbSet<Product> Products { get; }

    DbSet<Category> Categories { get; }

    DbSet<Cart> Carts { get; }

    DbSet<Order> Orders { get; }

    DatabaseFacade Database { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>Forgets every tracked entity, so a retried unit of work reloads what another request just wrote.</summary>
    void DiscardChanges();

    /// <summary>True when the exception is a unique-constraint violation of the current provider.</summary>
    bool IsUniqueViolation(DbUpdateException exception);

    /// <summary>
    /// Takes <paramref name="quantity"/> units of an active product with one conditional relative UPDATE (ADR 6);
    /// the units left afterwards, or null when fewer were there (nothing taken).
    /// </summary>
    Task<int?> TryTakeStockAsync(int productId, int quantity, CancellationToken ct);

    /// <summary>
    /// The checkout's reservation (docs/decisions/0020, 0028 and 0029), inside the transaction the caller opened:
    /// writes the new <paramref name="order"/> (its lines and first history entry), empties <paramref name="cart"/>
    /// (the lines it was loaded with), takes every line's units in the order given (the conditional relative UPDATE
    /// of ADR 6), commits, and returns once that commit is on disk. On PostgreSQL this is one round trip, so a hot
    /// product's row is locked for the statements' execution only, and the commit releases it without waiting for
    /// the disk; the flush after it holds no lock. Afterwards the order need not be tracked (on PostgreSQL nothing is,
    /// the cart included; docs/decisions/0033): a card approval is saved with <see cref="Payments.ICardApprovalWriter"/> and
    /// the version the order was written with, any other change of the order reads it back first.
    /// When a take finds fewer units than asked, nothing is committed and the result names that take; a
    /// <see cref="DbUpdateException"/> (the form's token or the order number already used) or a
    /// <see cref="DbUpdateConcurrencyException"/> (a cart line gone meanwhile) means the same. The caller rolls the
    /// transaction back in all three cases.
    /// </summary>
    Task<StockTakes> PlaceOrderAndCommitDurablyAsync(Order order, Cart cart, IReadOnlyList<StockTake> takes, CancellationToken ct);

    /// <summary>Returns once everything committed before the call is on disk. Outside any transaction.</summary>
    Task WaitUntilDurableAsync(CancellationToken ct);
}
