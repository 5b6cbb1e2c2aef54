namespace FakeShop.Web.Infrastructure;

/// <summary>
/// Sealed cookie values this process has already opened with Data Protection, and what was inside. Opening a payload
/// derives its subkeys and checks its MAC on every call (OpenSSL, the largest single cost of a cached page and ~2–3 % of
/// an add-to-cart post); a browser sends the same value on every request until the shop rewrites it, so one unprotect
/// per value and replica is enough. It holds only what the browser itself sent, and a value is only ever looked up
/// by that exact string, so nothing leaks between visitors. Bounded: when full it starts over (a visitor then pays
/// one unprotect again).
/// </summary>
public sealed class OpenedCookieMemo<T>() : BoundedMemo<string, T>(Capacity, StringComparer.Ordinal)
{
    internal const int Capacity = 4096;
}
