using FakeShop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace FakeShop.Application.Tests;

/// <summary>
/// Issue 16: the contexts come from EF's pool. A context handed to the next request must carry nothing of the last one,
/// and the SQL-count tests must still see every command of a reused context (they once counted 0 and passed).
/// </summary>
public sealed class PooledContextTests(AppFixture app) : UseCaseTest(app)
{
    private async Task<T> InScope<T>(Func<ShopDbContext, Task<T>> action)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ShopDbContext>());
    }

    [Fact]
    public async Task The_contexts_come_from_a_pool()
    {
        var poolSize = await InScope(db => Task.FromResult(db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.MaxPoolSize));

        Assert.NotNull(poolSize);
    }

    [Fact]
    public async Task A_context_given_back_with_unsaved_changes_hands_none_of_them_to_the_next_request()
    {
        var before = await Product("webcam-4k-ultra");

        // A request that changes an entity and a setting, then ends without saving (an exception, a refusal).
        await InScope(async db =>
        {
            var product = await db.Products.SingleAsync(p => p.Slug == "webcam-4k-ultra");
            product.ChangePrice(Money.Brl(1m), DateTimeOffset.UtcNow);
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            return 0;
        });

        // The next requests, on whichever pooled contexts they get: nothing tracked, the configured defaults, and a save
        // that writes nothing.
        for (var i = 0; i < 4; i++)
        {
            var (tracked, behaviour, written) = await InScope(async db =>
                (db.ChangeTracker.Entries().Count(), db.ChangeTracker.QueryTrackingBehavior, await db.SaveChangesAsync()));
            Assert.Equal(0, tracked);
            Assert.Equal(QueryTrackingBehavior.TrackAll, behaviour);
            Assert.Equal(0, written);
        }

        Assert.Equal(before.Price, (await Product("webcam-4k-ultra")).Price);
    }

    [Fact]
    public async Task Every_command_of_contexts_reused_back_to_back_is_counted()
    {
        // Warm the pool: the contexts leased below have all run a query within EF's one-second logging cache, which is
        // what made the former DiagnosticListener counter miss their commands.
        for (var i = 0; i < 3; i++)
        {
            await InScope(db => db.Products.CountAsync());
        }

        using var counter = new SqlCommandCounter();
        for (var i = 0; i < 5; i++)
        {
            await InScope(db => db.Products.CountAsync());
        }

        Assert.Equal(5, counter.Count);
        Assert.All(counter.Commands, c => Assert.Contains("products", c, StringComparison.OrdinalIgnoreCase));
    }
}
