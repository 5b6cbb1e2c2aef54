using FakeShop.Application.Common.Abstractions;
using Mediator;

namespace FakeShop.Application.Admin.DeleteCategory;

public sealed record DeleteCategoryCommand(int Id) : ICommand, IChangesCatalog;
