using System.Collections.Concurrent;

namespace FakeShop.Web.Infrastructure;

/// <summary>
/// A process-wide memo of values that are costly to compute and cheap to keep, bounded: when full it starts over (the
/// next lookups pay the computation again). The one bound-and-start-over mechanism of the shop's per-process memos
/// (<see cref="OpenedCookieMemo{T}"/>, the sealed "added" flash, the request language).
/// </summary>
public class BoundedMemo<TKey, TValue>(int capacity, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _values = new(comparer);

    // Kept beside the dictionary because ConcurrentDictionary.Count takes every lock of the dictionary: it was 4 % of
    // the machine's CPU under add-to-cart load (perf, issue 16). Approximate under races, which only moves the moment
    // the memo starts over.
    private int _remembered;

    public bool TryGet(TKey key, out TValue value) => _values.TryGetValue(key, out value!);

    public void Remember(TKey key, TValue value)
    {
        if (Interlocked.Increment(ref _remembered) > capacity)
        {
            _values.Clear();
            Interlocked.Exchange(ref _remembered, 1);
        }

        _values[key] = value;
    }
}
