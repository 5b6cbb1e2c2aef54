namespace FakeShop.Web.Caching;

/// <summary>PageCache:* settings.</summary>
public sealed class PageCacheSettings
{
    public bool Enabled { get; init; } = true;

    /// <summary>The longest a page is kept even if no change is signalled: bounds staleness if a signal is lost.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromSeconds(60);

    public long SizeLimitBytes { get; init; } = 64L * 1024 * 1024;
}
