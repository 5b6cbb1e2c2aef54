namespace FakeShop.Application.Admin.GetProductForEdit;

public sealed record GetProductForEditQuery(int Id) : IQuery<ProductEditVm>;
