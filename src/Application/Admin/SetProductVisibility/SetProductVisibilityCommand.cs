namespace FakeShop.Application.Admin.SetProductVisibility;

public sealed record SetProductVisibilityCommand(int ProductId, bool Visible) : ICommand, IChangesCatalog;
