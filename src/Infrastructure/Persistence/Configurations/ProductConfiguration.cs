using FakeShop.Domain.Catalog;

namespace FakeShop.Infrastructure.Persistence.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable(ShopTables.Products, t =>
        {
            // The domain guards these too; the database is the last line when two writers race.
            t.HasCheckConstraint("ck_products_stock_not_negative", "\"Stock\" >= 0");
        });
        builder.Property(p => p.Name).HasMaxLength(Product.NameMaxLength).IsRequired();
        builder.Property(p => p.Slug).HasMaxLength(Slug.MaxLength).IsRequired();
        builder.Property(p => p.ShortDescription).HasMaxLength(Product.ShortDescriptionMaxLength).IsRequired();
        builder.Property(p => p.Description).HasMaxLength(Product.DescriptionMaxLength).IsRequired();
        builder.Property(p => p.ImageUrl).HasMaxLength(Product.ImageUrlMaxLength);
        builder.Property(p => p.Price).IsRequired();
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.HasIndex(p => new { p.IsActive, p.CategoryId });
        builder.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(p => p.IsAvailable);
    }
}
