using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace FakeShop.Web.Operations;

/// <summary>Sockets:* — how Kestrel's socket transport hands work to the thread pool (docs/operations.md).</summary>
public sealed class SocketQueueOptions
{
    public const string SectionName = "Sockets";

    /// <summary>
    /// Kestrel's IO queues (0 to 64; 0 schedules socket work on the thread pool directly). Default: one per two
    /// processors, at least one — Kestrel's own default is one per processor.
    /// </summary>
    public int? IOQueues { get; set; }
}

/// <summary>
/// Kestrel's socket transport queues every socket completion on one of its IO queues, each drained by a thread-pool
/// work item; its default is one queue per processor. On two cores, one queue rendered the cart page and took adds
/// with 12-14 % less CPU per request on a busy machine (cache hits: −6 % there, the same on a quiet one; paired runs in
/// docs/performance.md, "Cost → fix → gain"): completions arriving together are drained by one work item instead of
/// waking a second thread for each. Measured only on two cores, hence "one per two processors" rather than "one", and
/// a setting to undo it.
/// </summary>
public static class SocketQueues
{
    public static int DefaultCount => Math.Max(1, Environment.ProcessorCount / 2);

    public static void AddTo(WebApplicationBuilder builder)
    {
        builder.Services.AddShopOptions<SocketQueueOptions>(builder.Configuration, SocketQueueOptions.SectionName)
            .Validate(o => o.IOQueues is null or (>= 0 and <= 64), "Sockets:IOQueues must be a whole number from 0 to 64.");
        builder.Services.AddOptions<SocketTransportOptions>()
            .Configure<IOptions<SocketQueueOptions>>((transport, queues) => transport.IOQueueCount = queues.Value.IOQueues ?? DefaultCount);
    }
}
