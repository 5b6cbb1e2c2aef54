namespace FakeShop.Application.Common.Abstractions;

/// <summary>
/// Marks a command that can change what the public catalogue shows (a product, price, stock level, image or
/// category). After it succeeds, CatalogChangeBehaviour tells the <see cref="ICatalogChangeObserver"/>, so copies
/// derived from the catalogue (cached pages) are not served any more on this instance. Other instances learn of it
/// from the database itself (on PostgreSQL, triggers on the catalogue tables).
/// </summary>
public interface IChangesCatalog;
