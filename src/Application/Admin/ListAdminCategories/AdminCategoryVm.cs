namespace FakeShop.Application.Admin.ListAdminCategories;

public sealed record AdminCategoryVm(int Id, string Name, string Slug, int ProductCount);
