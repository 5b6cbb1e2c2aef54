namespace FakeShop.Application.Admin.CreateCategory;

public sealed class CreateCategoryCommandValidator : AbstractValidator<CreateCategoryCommand>
{
    public CreateCategoryCommandValidator()
    {
        RuleFor(c => c.Name).Name();
        RuleFor(c => c.Slug).OptionalSlug();
    }
}
