using System.Linq.Expressions;
using FakeShop.Application.Common.Exceptions;

namespace FakeShop.Application.Common;

/// <summary>
/// The skeleton of every command that changes stored rows (docs/decisions/0017): load the row or answer
/// <see cref="NotFoundException"/>, let the entity apply the change, save, and turn "someone else saved first"
/// (<see cref="DbUpdateConcurrencyException"/>) into <see cref="ConflictException"/>. Handlers catch no EF
/// exception of their own except the one a rule of theirs needs (a foreign key that refuses a delete).
/// </summary>
public static class EntityChanges
{
    /// <summary>The tracked row <paramref name="which"/> selects, or <see cref="NotFoundException"/>.</summary>
    public static async Task<T> LoadAsync<T>(this IQueryable<T> rows, Expression<Func<T, bool>> which, CancellationToken ct)
        where T : class =>
        await rows.FirstOrDefaultAsync(which, ct) ?? throw new NotFoundException();

    /// <summary>
    /// Saves the tracked changes. A lost race becomes <see cref="ConflictException"/>; with
    /// <paramref name="duplicate"/>, a unique index that refused the row becomes that rule's refusal.
    /// </summary>
    public static async Task SaveAsync(this IShopDbContext db, CancellationToken ct, Func<DomainException>? duplicate = null)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (Translate(db, ex, duplicate) is { } refusal)
        {
            throw refusal;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> (which saves) in one transaction under the provider's execution strategy, so
    /// relative stock writes and the version-checked save commit together or not at all; failures as in
    /// <see cref="SaveAsync"/>.
    /// </summary>
    public static Task SaveInTransactionAsync(this IShopDbContext db, Func<CancellationToken, Task> work, CancellationToken ct,
        Func<DomainException>? duplicate = null) =>
        db.SaveInTransactionAsync(async token =>
        {
            await work(token);
            return true;
        }, ct, duplicate);

    /// <inheritdoc cref="SaveInTransactionAsync(IShopDbContext, Func{CancellationToken, Task}, CancellationToken, Func{DomainException}?)"/>
    public static async Task<T> SaveInTransactionAsync<T>(this IShopDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct,
        Func<DomainException>? duplicate = null)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async token =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                var result = await work(token);
                await transaction.CommitAsync(token);
                return result;
            }, ct);
        }
        catch (DbUpdateException ex) when (Translate(db, ex, duplicate) is { } refusal)
        {
            throw refusal;
        }
    }

    /// <returns>The refusal <paramref name="ex"/> stands for; null for a failure nobody expected (it propagates).</returns>
    private static Exception? Translate(IShopDbContext db, DbUpdateException ex, Func<DomainException>? duplicate) => ex switch
    {
        DbUpdateConcurrencyException => new ConflictException(ConflictException.Edited, "Someone else saved first; nothing was written.", ex),
        _ when duplicate is not null && db.IsUniqueViolation(ex) => duplicate(),
        _ => null,
    };
}
