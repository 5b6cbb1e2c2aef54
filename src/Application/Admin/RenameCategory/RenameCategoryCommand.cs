using FakeShop.Application.Common.Abstractions;
using Mediator;

namespace FakeShop.Application.Admin.RenameCategory;

public sealed record RenameCategoryCommand(int Id, string Name, string? Slug = null) : ICommand, IChangesCatalog;
