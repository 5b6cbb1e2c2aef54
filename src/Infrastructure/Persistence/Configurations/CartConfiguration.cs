using FakeShop.Domain.Carts;

namespace FakeShop.Infrastructure.Persistence.Configurations;

internal sealed class CartConfiguration : IEntityTypeConfiguration<Cart>
{
    public void Configure(EntityTypeBuilder<Cart> builder)
    {
        builder.ToTable(ShopTables.Carts);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasIndex(c => c.VisitorId).IsUnique();
        builder.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.CartId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(c => c.ItemCount);
        builder.Ignore(c => c.IsEmpty);
    }
}
