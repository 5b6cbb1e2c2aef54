using FakeShop.Domain.Ordering;

namespace FakeShop.Infrastructure.Persistence.Orders;

/// <summary>
/// The names of the order tables and columns that hand-written SQL uses (the card approval of
/// <see cref="PostgresCardApprovalWriter"/>), as the EF model maps them: a column is named after its
/// property, and the owned types' columns, which <see cref="Configurations.OrderConfiguration"/> names itself, are
/// named there with the constants below. A renamed property breaks the build, not the SQL; `OrderSqlTests` compares
/// every name with the model.
/// </summary>
public static class OrderSql
{
    public static class Orders
    {
        public const string Table = ShopTables.Orders;
        public const string Id = "\"" + nameof(Order.Id) + "\"";
        public const string Status = "\"" + nameof(Order.Status) + "\"";
        public const string Version = "\"" + nameof(Order.Version) + "\"";

        /// <summary>Column names of <see cref="Order.Payment"/>, unquoted, as the configuration maps them.</summary>
        public static class PaymentColumns
        {
            public const string CardBrand = nameof(PaymentDetails.CardBrand);
            public const string CardLast4 = nameof(PaymentDetails.CardLast4);
            public const string AuthorizationId = nameof(Order.Payment) + nameof(PaymentDetails.AuthorizationId);
        }

        public const string CardBrand = "\"" + PaymentColumns.CardBrand + "\"";
        public const string CardLast4 = "\"" + PaymentColumns.CardLast4 + "\"";
        public const string PaymentAuthorizationId = "\"" + PaymentColumns.AuthorizationId + "\"";
    }

    public static class StatusChanges
    {
        public const string Table = ShopTables.OrderStatusChanges;
        public const string Id = "\"" + nameof(OrderStatusChange.Id) + "\"";

        /// <summary>The foreign key to the order: a shadow property (the domain's history entry has no order id).</summary>
        public const string OrderIdProperty = "OrderId";

        public const string OrderId = "\"" + OrderIdProperty + "\"";
        public const string Status = "\"" + nameof(OrderStatusChange.Status) + "\"";
        public const string ChangedAt = "\"" + nameof(OrderStatusChange.ChangedAt) + "\"";
        public const string ChangedBy = "\"" + nameof(OrderStatusChange.ChangedBy) + "\"";
    }
}
