namespace FakeShop.Application.Admin.ListAdminCategories;

public sealed record ListAdminCategoriesQuery : IQuery<IReadOnlyList<AdminCategoryVm>>;
