namespace FakeShop.Application.Admin.CreateProduct;

public sealed class CreateProductCommandValidator : ProductFieldsValidator<CreateProductCommand>;
