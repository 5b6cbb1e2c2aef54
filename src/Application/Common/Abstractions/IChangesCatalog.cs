namespace FakeShop.Application.Common.Abstractions;

/// <summary>
/// Marks a command that can change what the public catalogue shows (a product, price, stock level, image or
/// category). After it succeeds, CatalogChangeBehaviour tells the <see cref="ICatalogChangeObserver"/>, so copies
/// derived from the catalogue (cached pages) are not served any more on this instance. Other instances learn of it
/// from the database itself (on PostgreSQL, triggers on the catalogue tables).
/// </summary>
public interface IChangesCatalog;

/// <summary>
/// The answer of an <see cref="IChangesCatalog"/> command that knows whether it changed anything the public pages show
/// (checkout: a stock take that keeps the product's shown level, docs/decisions/0025). When it says it did not,
/// CatalogChangeBehaviour keeps this instance's cached pages, as the database trigger does for the other instances.
/// </summary>
public interface ICatalogChangeOutcome
{
    bool LeftShownCatalogueUnchanged { get; }
}
