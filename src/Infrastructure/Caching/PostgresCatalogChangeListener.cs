using System.Net.Sockets;
using FakeShop.Application.Common.Abstractions;
using FakeShop.Infrastructure.Database;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FakeShop.Infrastructure.Caching;

/// <summary>
/// Hears about catalogue changes made by any instance (or by hand in psql): triggers on the catalogue tables send a
/// NOTIFY on <see cref="Channel"/> when a change commits (migration CatalogChangeNotifications), and this keeps one
/// connection LISTENing. While that connection is down, nothing guarantees we would hear of a change, so the
/// observers are told the feed is lost (the page cache stops serving) until it is back.
/// </summary>
public sealed partial class PostgresCatalogChangeListener(
    DatabaseSettings database, IEnumerable<ICatalogChangeObserver> observers, ILogger<PostgresCatalogChangeListener> logger)
    : BackgroundService
{
    public const string Channel = "fakeshop_catalog";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Pooling = false,
            // A silently dead connection (a restarted server, a dropped NAT entry) is noticed within seconds.
            KeepAlive = 5,
            ApplicationName = "fakeshop-catalog-listener",
        };

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Notification += (_, _) => Tell(o => o.CatalogChanged());
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand("LISTEN " + Channel, connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                Tell(o => o.ChangeFeedRestored());
                LogListening(logger);
                retry = FirstRetry;
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException or IOException or TimeoutException or InvalidOperationException)
            {
                Tell(o => o.ChangeFeedLost());
                LogLost(logger, ex.Message, retry.TotalMilliseconds);
            }

            try
            {
                await Task.Delay(retry, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
        }
    }

    private void Tell(Action<ICatalogChangeObserver> signal)
    {
        foreach (var observer in observers)
        {
            signal(observer);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for catalogue changes")]
    private static partial void LogListening(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalogue change notifications lost ({Reason}); cached pages are not used until they are back. Retrying in {RetryMs} ms")]
    private static partial void LogLost(ILogger logger, string reason, double retryMs);
}
