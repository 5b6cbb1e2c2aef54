using FakeShop.Domain.Carts;
using FakeShop.Domain.Catalog;

namespace FakeShop.Infrastructure.Persistence.Configurations;

internal sealed class CartLineConfiguration : IEntityTypeConfiguration<CartLine>
{
    public void Configure(EntityTypeBuilder<CartLine> builder)
    {
        builder.ToTable(ShopTables.CartLines);
        builder.HasIndex(l => new { l.CartId, l.ProductId }).IsUnique();
        // A product deleted by an admin takes its cart lines with it rather than blocking the delete.
        builder.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}
