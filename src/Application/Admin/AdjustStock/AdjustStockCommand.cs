namespace FakeShop.Application.Admin.AdjustStock;

/// <summary>A relative change ("+10 arrived", "-2 damaged"), so it composes with checkouts happening meanwhile. Answers the stock after it.</summary>
public sealed record AdjustStockCommand(int ProductId, int Delta) : ICommand<int>, IChangesCatalog;
