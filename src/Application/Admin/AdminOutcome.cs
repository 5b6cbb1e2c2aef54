namespace FakeShop.Application.Admin;

/// <summary>What an admin command did. Expected refusals are outcomes, not exceptions, so pages just pick a message.</summary>
public enum AdminOutcome
{
    Done,
    NotFound,
    /// <summary>Someone else saved first; nothing was changed.</summary>
    Conflict,
    SlugTaken,
    /// <summary>Still referenced (orders for a product, products for a category); nothing was deleted.</summary>
    InUse,
    IllegalTransition,
    /// <summary>A sale or an adjustment changed the stock since the form showed it; nothing was saved.</summary>
    StockChanged,
    Invalid,
}
