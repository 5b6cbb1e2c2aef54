using FakeShop.Domain.Brazil;
using FakeShop.Domain.Ordering;
using FakeShop.Infrastructure.Persistence.Orders;

namespace FakeShop.Infrastructure.Persistence.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable(ShopTables.Orders);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Number).HasMaxLength(12).IsRequired();
        builder.HasIndex(o => o.Number).IsUnique();
        builder.HasIndex(o => o.CheckoutToken).IsUnique();
        builder.HasIndex(o => o.VisitorId);
        builder.HasIndex(o => o.PlacedAt);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.Property(o => o.PaymentMethod).HasConversion<string>().HasMaxLength(20);
        // The sweeper's question: which orders still await payment past their reservation?
        builder.HasIndex(o => new { o.Status, o.PaymentDueAt });

        builder.OwnsOne(o => o.Customer, c =>
        {
            c.Property(x => x.FirstName).HasColumnName("CustomerFirstName").HasMaxLength(60);
            c.Property(x => x.LastName).HasColumnName("CustomerLastName").HasMaxLength(60);
            c.Property(x => x.Email).HasColumnName("CustomerEmail").HasMaxLength(254);
            c.Property(x => x.Phone).HasColumnName("CustomerPhone").HasMaxLength(20);
            // The eleven digits; nullable because orders placed before the CPF was asked for have none.
            c.Property(x => x.Cpf).HasColumnName("CustomerCpf").HasMaxLength(11)
                .HasConversion(cpf => cpf!.Digits, digits => Cpf.Parse(digits));
            c.Ignore(x => x.FullName);
            c.HasIndex(x => x.Email);
        });
        builder.OwnsOne(o => o.ShippingAddress, a =>
        {
            a.Property(x => x.Cep).HasColumnName("ShipCep").HasMaxLength(8).IsRequired()
                .HasConversion(cep => cep.Digits, digits => Cep.Parse(digits));
            a.Property(x => x.Street).HasColumnName("ShipStreet").HasMaxLength(Address.StreetMaxLength);
            a.Property(x => x.Number).HasColumnName("ShipNumber").HasMaxLength(Address.NumberMaxLength);
            a.Property(x => x.Complement).HasColumnName("ShipComplement").HasMaxLength(Address.ComplementMaxLength);
            a.Property(x => x.District).HasColumnName("ShipDistrict").HasMaxLength(Address.DistrictMaxLength);
            a.Property(x => x.City).HasColumnName("ShipCity").HasMaxLength(Address.CityMaxLength);
            // 40 wide: orders from when the state was free text keep what was typed (see Uf.FromStored).
            a.Property(x => x.Uf).HasColumnName("ShipUf").HasMaxLength(40).IsRequired()
                .HasConversion(uf => uf.Code, code => Uf.FromStored(code));
            a.Ignore(x => x.StreetLine);
        });
        // Only brand, last four and the authorization id exist in the model: no column can hold a card number.
        // Optional: an order awaiting payment (or one that failed) has no authorization.
        builder.OwnsOne(o => o.Payment, p =>
        {
            p.Property(x => x.CardBrand).HasColumnName(OrderSql.Orders.PaymentColumns.CardBrand).HasMaxLength(20);
            p.Property(x => x.CardLast4).HasColumnName(OrderSql.Orders.PaymentColumns.CardLast4).HasMaxLength(4);
            p.Property(x => x.AuthorizationId).HasColumnName(OrderSql.Orders.PaymentColumns.AuthorizationId).HasMaxLength(64);
        });
        // Pix orders only. The txid is unique: the webhook finds its order by it.
        builder.OwnsOne(o => o.Pix, p =>
        {
            p.Property(x => x.TxId).HasColumnName("PixTxId").HasMaxLength(PixPayment.TxIdMaxLength);
            p.Property(x => x.BrCode).HasColumnName("PixBrCode").HasMaxLength(PixPayment.BrCodeMaxLength);
            p.Property(x => x.PaidEventId).HasColumnName("PixPaidEventId").HasMaxLength(PixPayment.EventIdMaxLength);
            p.HasIndex(x => x.TxId).IsUnique();
        });
        builder.Navigation(o => o.Customer).IsRequired();
        builder.Navigation(o => o.ShippingAddress).IsRequired();

        builder.HasMany(o => o.Lines).WithOne().HasForeignKey("OrderId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(o => o.History).WithOne().HasForeignKey(OrderSql.StatusChanges.OrderIdProperty).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.History).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
