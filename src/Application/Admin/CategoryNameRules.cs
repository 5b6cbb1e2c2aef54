using FakeShop.Domain.Catalog;

namespace FakeShop.Application.Admin;

internal static class CategoryNameRules
{
    public static void Name<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Enter a name.").MaximumLength(Category.NameMaxLength);

    public static void OptionalSlug<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(s => string.IsNullOrEmpty(s) || Slug.IsValid(s))
            .WithMessage("A slug may contain only lower-case letters, digits and single hyphens.");
}
