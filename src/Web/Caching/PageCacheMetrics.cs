using System.Diagnostics.Metrics;
using FakeShop.Application.Common;

namespace FakeShop.Web.Caching;

/// <summary>
/// fakeshop_page_cache_requests_total{outcome="hit|miss|bypass"}: how much of the public traffic the cache answers.
/// Hits are not in the access log (they never reach it), so this and the request-duration histogram are where
/// they show.
/// </summary>
public sealed class PageCacheMetrics
{
    private static readonly KeyValuePair<string, object?> HitTag = new("outcome", "hit");
    private static readonly KeyValuePair<string, object?> MissTag = new("outcome", "miss");
    private static readonly KeyValuePair<string, object?> BypassTag = new("outcome", "bypass");

    private readonly Counter<long> _requests;

    public PageCacheMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(ShopMetrics.MeterName);
        _requests = meter.CreateCounter<long>("fakeshop.page_cache.requests", "{request}", "Public catalogue page requests by page-cache outcome.");
    }

    public void Hit() => _requests.Add(1, HitTag);

    public void Missed() => _requests.Add(1, MissTag);

    public void Bypassed() => _requests.Add(1, BypassTag);
}
