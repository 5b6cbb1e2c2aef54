namespace FakeShop.Application.Common.Abstractions;

/// <summary>
/// Whoever keeps copies derived from the catalogue (the page cache) and must forget them when it changes, or stop
/// trusting them while changes cannot be heard about.
/// </summary>
public interface ICatalogChangeObserver
{
    /// <summary>Something in the catalogue may have changed; called after the change is committed.</summary>
    void CatalogChanged();

    /// <summary>Changes made elsewhere can no longer be heard about (the notification connection is down).</summary>
    void ChangeFeedLost();

    /// <summary>Changes are heard about again; whatever happened in between counts as a change.</summary>
    void ChangeFeedRestored();
}
