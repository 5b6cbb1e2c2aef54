namespace FakeShop.Web.Caching;

/// <summary>PageCache:* settings (see the configuration table in the README).</summary>
public sealed class PageCacheSettings
{
    public const string SectionName = "PageCache";

    /// <summary>Off only to compare with rendering every request, or to debug a page.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The longest a page is kept even when no change is signalled. Changes made through the shop or in PostgreSQL
    /// are signalled at once; this bounds what cannot be (an edit in a SQLite file from outside the app).
    /// </summary>
    public int LifetimeSeconds { get; set; } = 60;

    /// <summary>Memory the cached pages may use, in megabytes; the least recently used go first.</summary>
    public int SizeLimitMegabytes { get; set; } = 32;
}
