using System.Data.Common;
using FakeShop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace FakeShop.Testing;

/// <summary>
/// Counts SQL commands EF Core executes in this process while it is active, so tests can pin "a catalogue page costs a
/// constant number of queries". The commands are seen by a command interceptor that <see cref="ShopFactory"/> adds to
/// the app's contexts (<see cref="CountIn"/>), not by EF's DiagnosticListener events: a pooled context keeps its logger,
/// and that logger skips the events for a second after it found nobody listening (EF's logging cache), so a counter
/// created just before a request on a reused context saw nothing and a "no more than three statements" test passed
/// while counting zero. An interceptor is always called.
/// </summary>
public sealed class SqlCommandCounter : IDisposable
{
    private static readonly CountingInterceptor Interceptor = new();
    private static readonly List<SqlCommandCounter> Active = [];
    private readonly List<string> _commands = [];

    /// <summary>
    /// Refuses to start counting when no command has ever passed the interceptor in this process: the app under test
    /// was not built with <see cref="CountIn"/> (every app migrates and seeds before a test runs, so a wired app has
    /// been seen), and a count of zero would prove nothing.
    /// </summary>
    public SqlCommandCounter()
    {
        if (Volatile.Read(ref Interceptor.Seen) == 0)
        {
            throw new InvalidOperationException(
                "No SQL command has passed the counting interceptor: build the app with SqlCommandCounter.CountIn (ShopFactory does).");
        }

        lock (Active)
        {
            Active.Add(this);
        }
    }

    /// <summary>Adds the counting interceptor to both providers' contexts, pooled or not.</summary>
    public static void CountIn(IServiceCollection services)
    {
        // Singleton: a pooled context's options are built once, from the root provider.
        services.ConfigureDbContext<PostgresShopDbContext>(o => o.AddInterceptors(Interceptor), ServiceLifetime.Singleton);
        services.ConfigureDbContext<SqliteShopDbContext>(o => o.AddInterceptors(Interceptor), ServiceLifetime.Singleton);
    }

    public int Count
    {
        get
        {
            lock (_commands)
            {
                return _commands.Count;
            }
        }
    }

    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_commands)
            {
                return [.. _commands];
            }
        }
    }

    public void Reset()
    {
        lock (_commands)
        {
            _commands.Clear();
        }
    }

    public void Dispose()
    {
        lock (Active)
        {
            Active.Remove(this);
        }
    }

    private static void Record(DbCommand command)
    {
        Interlocked.Increment(ref Interceptor.Seen);
        lock (Active)
        {
            foreach (var counter in Active)
            {
                lock (counter._commands)
                {
                    counter._commands.Add(command.CommandText);
                }
            }
        }
    }

    private sealed class CountingInterceptor : DbCommandInterceptor
    {
        public int Seen;

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }
    }
}
