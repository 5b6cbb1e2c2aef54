using FakeShop.Application.Common.Abstractions;
using Microsoft.AspNetCore.OutputCaching;

namespace FakeShop.Web.Caching;

/// <summary>
/// A number that moves forward every time the catalogue may have changed (a product, price, stock level, image or
/// category). Cached pages are keyed by it, so a page rendered before a change is never served after it, however
/// eviction and rendering interleave: a render that started before the change stores its page under the old number,
/// which nobody asks for any more. The number only moves after the change is committed (a use case has returned,
/// or PostgreSQL delivered the notification), so a render keyed by the new number reads the new data.
/// </summary>
public sealed partial class CatalogGeneration(IOutputCacheStore store, ILogger<CatalogGeneration> logger, bool trustedAtStart)
    : ICatalogChangeObserver
{
    private long _value;
    private volatile bool _trusted = trustedAtStart;

    public long Current => Volatile.Read(ref _value);

    /// <summary>
    /// False while changes made by other instances could go unheard (the PostgreSQL notification connection is not
    /// up yet, or was lost): the page cache then neither serves nor stores.
    /// </summary>
    public bool IsTrusted => _trusted;

    public void CatalogChanged()
    {
        Interlocked.Increment(ref _value);
        ForgetOldPages();
    }

    public void ChangeFeedLost()
    {
        _trusted = false;
        CatalogChanged();
    }

    public void ChangeFeedRestored()
    {
        // Whatever changed while nobody listened counts as a change: advance before trusting again.
        CatalogChanged();
        _trusted = true;
    }

    /// <summary>Old pages can never be served again (the key moved on); evicting them only gives the memory back.</summary>
    private void ForgetOldPages()
    {
        var eviction = store.EvictByTagAsync(PageCachePolicy.Tag, CancellationToken.None);
        if (!eviction.IsCompletedSuccessfully)
        {
            _ = ObserveAsync(eviction);
        }
    }

    private async Task ObserveAsync(ValueTask eviction)
    {
        try
        {
            await eviction;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogEvictionFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not evict old catalogue pages from the page cache: {Reason}")]
    private static partial void LogEvictionFailed(ILogger logger, string reason);
}
