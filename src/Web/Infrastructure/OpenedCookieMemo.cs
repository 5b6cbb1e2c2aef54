using System.Collections.Concurrent;

namespace FakeShop.Web.Infrastructure;

/// <summary>
/// Sealed cookie values this process has already opened with Data Protection, and what was inside. Opening a payload
/// derives its subkeys and checks its MAC on every call (OpenSSL, the largest single cost of a cached page and ~2–3 % of
/// an add-to-cart post); a browser sends the same value on every request until the shop rewrites it, so one unprotect
/// per value and replica is enough. It holds only what the browser itself sent, and a value is only ever looked up
/// by that exact string, so nothing leaks between visitors. Bounded: when full it starts over (a visitor then pays
/// one unprotect again).
/// </summary>
public sealed class OpenedCookieMemo<T>
{
    internal const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, T> _opened = new(StringComparer.Ordinal);

    // Kept beside the dictionary because ConcurrentDictionary.Count takes every lock of the dictionary: it was 4 % of
    // the machine's CPU under add-to-cart load (perf, issue 16). Approximate under races, which only moves the moment
    // the memo starts over.
    private int _remembered;

    public bool TryGet(string sealedValue, out T value) => _opened.TryGetValue(sealedValue, out value!);

    public void Remember(string sealedValue, T value)
    {
        if (Interlocked.Increment(ref _remembered) > Capacity)
        {
            _opened.Clear();
            Interlocked.Exchange(ref _remembered, 1);
        }

        _opened[sealedValue] = value;
    }
}
