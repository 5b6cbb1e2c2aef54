using System.Collections.Concurrent;

namespace FakeShop.Infrastructure.Persistence;

/// <summary>
/// One thread that writes what callers queue, taking every item waiting at that moment as one batch (the cart adds of
/// ADR 31/34, the card approvals of ADR 37). A lone item goes at once: no timer, no collecting window. No item is left
/// behind: the thread announces its sleep before its last look at the queue, and an item queued after that look finds
/// the announcement and wakes it. Disposed, it fails whatever still waits rather than leave it hanging.
/// </summary>
/// <remarks>
/// A thread of its own, not the thread pool (ADR 34): the writers wait for PostgreSQL in blocking reads, so an answer
/// wakes this one thread instead of an epoll thread and then a pool worker. It starts with the first item.
/// </remarks>
internal abstract class BatchWriterThread<T>(string name, int maxBatch) : IDisposable
{
    private readonly ConcurrentQueue<T> _queue = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Lock _start = new();
    private Thread? _thread;
    private int _sleeping;
    private volatile bool _disposed;

    /// <summary>The most items written as one batch.</summary>
    private protected int BatchSize => maxBatch;

    /// <summary>The writer's thread once the first item started it; for the tests.</summary>
    internal Thread? WriterThread => Volatile.Read(ref _thread);

    /// <summary>Writes the batch on the writer's thread and ends every item's task with its result or error; never throws.</summary>
    internal abstract void WriteBatch(List<T> batch);

    /// <summary>Ends an item's task with an error: the writer was disposed before the item was written.</summary>
    private protected abstract void Fail(T item, Exception error);

    /// <summary>Queues the item for the writer's thread, which it starts if this is the first.</summary>
    /// <exception cref="ObjectDisposedException">The writer has been disposed.</exception>
    private protected void Enqueue(T item)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _queue.Enqueue(item);
        if (_disposed)
        {
            FailQueued(); // disposed while this item was queued: the thread may already have failed what it found
            return;
        }

        if (Volatile.Read(ref _thread) is null)
        {
            Start();
        }

        // The queue's enqueue is a full fence, as is the thread's announcement: either the thread's last look saw this
        // item, or this item sees the announcement. The exchange lets one caller in to wake it.
        if (Volatile.Read(ref _sleeping) == 1 && Interlocked.Exchange(ref _sleeping, 0) == 1)
        {
            _wake.Release();
        }
    }

    private void Start()
    {
        lock (_start)
        {
            if (_thread is not null)
            {
                return;
            }

            // Unsafe: without the first caller's execution context, whose async-locals (its request's trace) the thread
            // would otherwise carry for its whole life.
            var thread = new Thread(Run) { IsBackground = true, Name = name };
            thread.UnsafeStart();
            Volatile.Write(ref _thread, thread);
        }
    }

    private void Run()
    {
        var batch = new List<T>(maxBatch);
        while (!_disposed)
        {
            while (batch.Count < maxBatch && _queue.TryDequeue(out var item))
            {
                batch.Add(item);
            }

            if (batch.Count > 0)
            {
                WriteBatch(batch);
                batch.Clear();
                continue;
            }

            Interlocked.Exchange(ref _sleeping, 1); // a full fence before the last look at the queue
            if (!_queue.IsEmpty && Interlocked.Exchange(ref _sleeping, 0) == 1)
            {
                continue; // an item came in between; nobody released the semaphore for it
            }

            // SemaphoreSlim spins briefly before it blocks: an item arriving within microseconds costs no sleep.
            _wake.Wait();
        }

        FailQueued();
    }

    private void FailQueued()
    {
        while (_queue.TryDequeue(out var left))
        {
            Fail(left, new ObjectDisposedException(name));
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _wake.Release();
    }
}
