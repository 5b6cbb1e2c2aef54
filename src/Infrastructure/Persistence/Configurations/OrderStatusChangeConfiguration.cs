using FakeShop.Domain.Ordering;

namespace FakeShop.Infrastructure.Persistence.Configurations;

internal sealed class OrderStatusChangeConfiguration : IEntityTypeConfiguration<OrderStatusChange>
{
    public void Configure(EntityTypeBuilder<OrderStatusChange> builder)
    {
        builder.ToTable(ShopTables.OrderStatusChanges);
        builder.Property(h => h.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(h => h.ChangedBy).HasMaxLength(256).IsRequired();
    }
}
