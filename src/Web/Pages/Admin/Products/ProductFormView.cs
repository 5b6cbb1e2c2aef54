using FakeShop.Application.Admin.ListAdminCategories;

namespace FakeShop.Web.Pages.Admin.Products;

public sealed record ProductFormView(ProductForm Form, IReadOnlyList<AdminCategoryVm> Categories);
