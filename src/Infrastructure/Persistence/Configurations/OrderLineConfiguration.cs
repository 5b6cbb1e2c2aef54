using FakeShop.Domain.Ordering;

namespace FakeShop.Infrastructure.Persistence.Configurations;

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.ToTable("order_lines");
        builder.Property(l => l.ProductName).HasMaxLength(120).IsRequired();
        // No FK to products: a line is a snapshot that must outlive the product; the index serves "is it referenced?".
        builder.HasIndex(l => l.ProductId);
        builder.Ignore(l => l.LineTotal);
    }
}
