namespace FakeShop.Application.Admin.RenameCategory;

public sealed record RenameCategoryCommand(int Id, string Name, string? Slug = null) : ICommand, IChangesCatalog;
