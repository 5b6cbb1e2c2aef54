using FakeShop.Application.Admin.ListAdminCategories;

namespace FakeShop.Web.Pages.Admin.Products;

/// <param name="PriceExample">A price written the way the admin's language writes it, shown as the field's hint.</param>
/// <param name="CurrentImageUrl">The product's picture on the edit form; null on create.</param>
public sealed record ProductFormView(ProductForm Form, IReadOnlyList<AdminCategoryVm> Categories, string PriceExample, string? CurrentImageUrl = null);
