namespace FakeShop.Infrastructure.Persistence.Configurations;

internal sealed class ProductImageConfiguration : IEntityTypeConfiguration<ProductImage>
{
    public void Configure(EntityTypeBuilder<ProductImage> builder)
    {
        builder.ToTable("product_images");
        builder.Property(i => i.ContentType).HasMaxLength(40).IsRequired();
        builder.Property(i => i.Data).IsRequired();
    }
}
