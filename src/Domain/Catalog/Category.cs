using FakeShop.Domain.Common;

namespace FakeShop.Domain.Catalog;

public class Category
{
    public const int NameMaxLength = 60;

    private Category()
    {
        Name = string.Empty;
        Slug = string.Empty;
    }

    public Category(string name, string? slug = null)
    {
        Name = Guard.RequiredText(name, "name", NameMaxLength);
        Slug = Catalog.Slug.Require(slug ?? Catalog.Slug.From(Name));
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public string Slug { get; private set; }

    public void Rename(string name, string? slug = null)
    {
        Name = Guard.RequiredText(name, "name", NameMaxLength);
        Slug = Catalog.Slug.Require(slug ?? Catalog.Slug.From(Name));
    }
}
