using FakeShop.Infrastructure.Persistence;
using FakeShop.Infrastructure.Persistence.Orders;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace FakeShop.Application.Tests;

/// <summary>
/// The card approval's hand-written SQL takes its table and column names from <see cref="OrderSql"/>: every name
/// there must be one the EF model maps, or the statement fails only at run time (a property renamed in the
/// configuration but not in the SQL).
/// </summary>
public sealed class OrderSqlTests
{
    [Fact]
    public void Every_name_the_approval_statement_uses_is_a_column_of_the_models_order_tables()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();

        AssertColumns(model, OrderSql.Orders.Table, [
            OrderSql.Orders.Id, OrderSql.Orders.Status, OrderSql.Orders.Version,
            OrderSql.Orders.CardBrand, OrderSql.Orders.CardLast4, OrderSql.Orders.PaymentAuthorizationId]);
        AssertColumns(model, OrderSql.StatusChanges.Table, [
            OrderSql.StatusChanges.Id, OrderSql.StatusChanges.OrderId, OrderSql.StatusChanges.Status,
            OrderSql.StatusChanges.ChangedAt, OrderSql.StatusChanges.ChangedBy]);
    }

    private static void AssertColumns(IRelationalModel model, string table, string[] quoted)
    {
        var columns = (model.FindTable(table, null) ?? throw new InvalidOperationException($"no table {table} in the model"))
            .Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in quoted)
        {
            Assert.StartsWith("\"", name, StringComparison.Ordinal);
            Assert.Contains(name.Trim('"'), columns);
        }
    }
}
