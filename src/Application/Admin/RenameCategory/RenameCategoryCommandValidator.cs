namespace FakeShop.Application.Admin.RenameCategory;

public sealed class RenameCategoryCommandValidator : AbstractValidator<RenameCategoryCommand>
{
    public RenameCategoryCommandValidator()
    {
        RuleFor(c => c.Id).GreaterThan(0);
        RuleFor(c => c.Name).Name();
        RuleFor(c => c.Slug).OptionalSlug();
    }
}
