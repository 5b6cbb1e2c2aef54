using FakeShop.Domain.Catalog;

namespace FakeShop.Application.Admin;

/// <summary>Mirrors the domain's guards so the form can show every problem at once instead of the first exception.</summary>
public abstract class ProductFieldsValidator<T> : AbstractValidator<T>
    where T : ProductFields
{
    protected ProductFieldsValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Enter a name.")
            .MaximumLength(Product.NameMaxLength);
        RuleFor(c => c.Slug).Must(s => string.IsNullOrEmpty(s) || Domain.Catalog.Slug.IsValid(s))
            .WithMessage("A slug may contain only lower-case letters, digits and single hyphens.");
        RuleFor(c => c.ShortDescription).MaximumLength(Product.ShortDescriptionMaxLength);
        RuleFor(c => c.Description).MaximumLength(Product.DescriptionMaxLength);
        RuleFor(c => c.Price).GreaterThan(0).WithMessage("Price must be greater than zero.")
            .LessThanOrEqualTo(Money.MaxAmount)
            .Must(p => decimal.Round(p, 2) == p).WithMessage("Price can have at most two decimals.");
        RuleFor(c => c.Stock).InclusiveBetween(0, Product.MaxStock).WithMessage("Stock must be between 0 and 1000000.");
        RuleFor(c => c.CategoryId).GreaterThan(0).WithMessage("Choose a category.");
    }
}
