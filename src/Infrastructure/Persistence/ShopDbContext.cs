using FakeShop.Application.Common;
using FakeShop.Application.Common.Abstractions;
using FakeShop.Domain.Carts;
using FakeShop.Domain.Catalog;
using FakeShop.Domain.Ordering;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FakeShop.Infrastructure.Persistence;

/// <summary>
/// The one model of the shop. It is abstract because each provider gets its own subclass, and with it its own
/// migration set (ADR 0004); everything provider-neutral is configured here.
/// </summary>
public abstract class ShopDbContext(DbContextOptions options)
    : IdentityDbContext<IdentityUser>(options), IShopDbContext, IDataProtectionKeyContext
{
    public DbSet<Product> Products => Set<Product>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<Cart> Carts => Set<Cart>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<ProductImage> ProductImages => Set<ProductImage>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public abstract bool IsUniqueViolation(DbUpdateException exception);

    public void DiscardChanges() => ChangeTracker.Clear();

    public async Task<int?> TryTakeStockAsync(int productId, int quantity, CancellationToken ct) =>
        SingleOrNull(await Database.SqlQuery<int>($"""
            UPDATE products SET "Stock" = "Stock" - {quantity}
            WHERE "Id" = {productId} AND "IsActive" AND "Stock" >= {quantity}
            RETURNING "Stock" AS "Value"
            """).ToListAsync(ct));

    /// <summary>
    /// A provider whose commits always wait for the disk (SQLite, one writer at a time): the change tracker's save of
    /// the order and the emptied cart, the takes one by one, then the commit, which is durable when it returns.
    /// </summary>
    public virtual async Task<StockTakes> PlaceOrderAndCommitDurablyAsync(Order order, Cart cart, IReadOnlyList<StockTake> takes, CancellationToken ct)
    {
        var transaction = ReservationTransaction();
        Orders.Add(order);
        cart.Clear(order.PlacedAt);
        await SaveChangesAsync(ct);

        var left = new int[takes.Count];
        for (var i = 0; i < takes.Count; i++)
        {
            if (await TryTakeStockAsync(takes[i].ProductId, takes[i].Quantity, ct) is not { } units)
            {
                return new StockTakes(left[..i], i);
            }

            left[i] = units;
        }

        await transaction.CommitAsync(ct);
        return new StockTakes(left, null);
    }

    /// <summary>The transaction the caller opened for the reservation, which the reservation commits.</summary>
    protected IDbContextTransaction ReservationTransaction() => Database.CurrentTransaction
        ?? throw new InvalidOperationException("The reservation commits the transaction that writes the order, and there is none.");

    /// <summary>The one value a statement on one row returned; null when it touched none.</summary>
    protected static int? SingleOrNull(List<int> values) => values.Count == 1 ? values[0] : null;

    /// <summary>Nothing to wait for when every commit already waited for the disk.</summary>
    public virtual Task WaitUntilDurableAsync(CancellationToken ct) => Task.CompletedTask;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ShopDbContext).Assembly);
    }
}
