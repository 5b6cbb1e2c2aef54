namespace FakeShop.Web.Caching;

/// <summary>
/// A number that moves forward every time the catalogue may have changed (a product, price, stock level, image or
/// category). Cached pages are keyed by it, so a page rendered before a change is never served after it, however
/// the eviction and the rendering interleave.
/// </summary>
public sealed class CatalogGeneration
{
    private long _value;

    public long Current => Volatile.Read(ref _value);

    public long Advance() => Interlocked.Increment(ref _value);
}
