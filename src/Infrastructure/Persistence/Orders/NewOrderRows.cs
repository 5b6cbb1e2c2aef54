using System.Runtime.CompilerServices;
using FakeShop.Domain.Carts;
using FakeShop.Domain.Ordering;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace FakeShop.Infrastructure.Persistence.Orders;

/// <summary>
/// The statements that write a new order on PostgreSQL without the change tracker (docs/decisions/0029): the order's
/// row (its owned parts' columns included), one INSERT per line and one for the first history entry, each returning
/// the identity the database gave it, and the cart's emptying. Built once per model from the EF mapping itself:
/// every mapped property of the order tables, named as the model names its column and turned into a parameter by
/// its own type mapping (value converter included), so these statements write the row EF's save wrote, and a
/// property added to the model is written without touching this file (`OrderWriteTests` compares the rows of
/// both). A mapping it cannot write — a shadow property other than the key to the order, a value the database
/// would generate other than the identity key — fails at first use, not silently.
/// </summary>
internal sealed class NewOrderRows
{
    private static readonly ConditionalWeakTable<IModel, NewOrderRows> PerModel = new();

    // EF's type mappings create their parameters from a command; this one is never executed, only asked for parameters.
    private static readonly NpgsqlCommand ParameterSource = new();

    private readonly Row _order;
    private readonly Row _line;
    private readonly Row _history;
    private readonly string _emptyCartSql;
    private readonly RelationalTypeMapping _cartUpdatedAt;

    private NewOrderRows(DbContext db)
    {
        _order = Row.Of(MappedTable.Of<Order>(db));
        _line = Row.Of(MappedTable.Of<OrderLine>(db));
        _history = Row.Of(MappedTable.Of<OrderStatusChange>(db));

        var carts = MappedTable.Of<Cart>(db);
        var lines = MappedTable.Of<CartLine>(db);
        _cartUpdatedAt = carts.Entity.FindProperty(nameof(Cart.UpdatedAt))!.GetRelationalTypeMapping();
        // Every line the checkout was priced with is deleted, and the cart row is there, or nothing is written: the
        // change tracker's DELETEs and UPDATE checked the same with their row counts. The CASE calls the raising
        // function only when a count is off (it is volatile: never evaluated ahead).
        _emptyCartSql = $"""
            WITH emptied AS (
                DELETE FROM {lines.Name} WHERE {lines.Column(nameof(CartLine.CartId))} = $1 AND {lines.Column(nameof(CartLine.Id))} = ANY($2)
                RETURNING 1),
            touched AS (
                UPDATE {carts.Name} SET {carts.Column(nameof(Cart.UpdatedAt))} = $3 WHERE {carts.Column(nameof(Cart.Id))} = $1
                RETURNING 1)
            SELECT CASE WHEN (SELECT count(*) FROM emptied) = cardinality($2) AND EXISTS (SELECT FROM touched) THEN 0
                ELSE fakeshop_raise('{PostgresShopDbContext.CartChangedSqlState}', 'the cart changed since the checkout loaded it') END
            """;
    }

    public static NewOrderRows For(DbContext db) => PerModel.GetValue(db.Model, _ => new NewOrderRows(db));

    /// <summary>The INSERT of the order's row, as the model maps it (for the tests).</summary>
    public string OrderInsertSql => _order.Sql;

    /// <summary>
    /// Adds the order's statements to <paramref name="batch"/>, in this order, each answering with one row: the order
    /// (its id), each of its lines (the line's id), its history entries (the entry's id), the emptying of
    /// <paramref name="cart"/> (0).
    /// </summary>
    public void Add(NpgsqlBatch batch, Order order, Cart cart)
    {
        batch.BatchCommands.Add(_order.Command(order, order));
        foreach (var line in order.Lines)
        {
            batch.BatchCommands.Add(_line.Command(order, line));
        }

        foreach (var change in order.History)
        {
            batch.BatchCommands.Add(_history.Command(order, change));
        }

        var lineIds = new int[cart.Lines.Count];
        for (var i = 0; i < lineIds.Length; i++)
        {
            lineIds[i] = cart.Lines[i].Id;
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand(_emptyCartSql)
        {
            Parameters =
            {
                new NpgsqlParameter<Guid> { TypedValue = cart.Id },
                new NpgsqlParameter<int[]> { TypedValue = lineIds },
                _cartUpdatedAt.CreateParameter(ParameterSource, string.Empty, order.PlacedAt, nullable: false),
            },
        });
    }

    /// <summary>One table's INSERT: its columns' values read from the entity (and, for the key to the order, the order).</summary>
    private sealed record Row(string Sql, Column[] Columns)
    {
        public NpgsqlBatchCommand Command(Order order, object entity)
        {
            var command = new NpgsqlBatchCommand(Sql);
            foreach (var column in Columns)
            {
                command.Parameters.Add((NpgsqlParameter)column.Mapping.CreateParameter(
                    ParameterSource, string.Empty, column.Read(order, entity), column.Nullable));
            }

            return command;
        }

        public static Row Of(MappedTable table)
        {
            var entity = table.Entity;
            var sql = table.Sql;
            var columns = new List<(string Name, Column Column)>();
            IProperty? identity = null;
            Collect(entity, static (_, row) => row, columns, ref identity);
            var names = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)));
            var values = string.Join(", ", columns.Select((_, i) => "$" + (i + 1)));
            // Every statement answers with a row (the identity the database gave it, else the key written), so the
            // batch's reader meets its statements' results one per statement.
            var returned = identity ?? entity.FindPrimaryKey()!.Properties[0];
            var returning = " RETURNING " + sql.DelimitIdentifier(returned.GetColumnName());
            return new Row($"INSERT INTO {table.Name} ({names}) VALUES ({values}){returning}", [.. columns.Select(c => c.Column)]);
        }

        /// <param name="reach">From the order and the table's entity to the instance that declares this type's properties (null: an optional owned part that is absent).</param>
        private static void Collect(IEntityType type, Func<Order, object, object?> reach, List<(string, Column)> into, ref IProperty? identity)
        {
            foreach (var property in type.GetProperties())
            {
                if (type.IsOwned() && property.IsPrimaryKey())
                {
                    continue; // the owner's key, the same column: written once, by the owner
                }

                if (property.ValueGenerated != ValueGenerated.Never)
                {
                    if (property.IsPrimaryKey() && !type.IsOwned() && identity is null)
                    {
                        identity = property; // the database's identity: returned, not written
                        continue;
                    }

                    throw new NotSupportedException($"{type.DisplayName()}.{property.Name} is generated by the database; the checkout's INSERT cannot write it.");
                }

                Func<Order, object, object?> read;
                if (property.IsShadowProperty())
                {
                    // The only shadow column a new order's rows have: a line's or history entry's key to the order.
                    if (!property.GetContainingForeignKeys().Any(fk => fk.PrincipalEntityType.ClrType == typeof(Order)))
                    {
                        throw new NotSupportedException($"{type.DisplayName()}.{property.Name} is a shadow property the checkout's INSERT has no value for.");
                    }

                    read = static (order, _) => order.Id;
                }
                else
                {
                    var getter = property.GetGetter();
                    read = (order, row) => reach(order, row) is { } declaring ? getter.GetClrValue(declaring) : null;
                }

                into.Add((property.GetColumnName(), new Column(property.GetRelationalTypeMapping(), read, property.IsNullable)));
            }

            foreach (var navigation in type.GetNavigations().Where(n => n.ForeignKey.IsOwnership && n.DeclaringEntityType == type))
            {
                var owned = navigation.TargetEntityType;
                if (navigation.IsCollection || owned.GetTableName() != type.GetTableName())
                {
                    throw new NotSupportedException($"{type.DisplayName()}.{navigation.Name} is not stored in {type.GetTableName()}'s row.");
                }

                var getter = navigation.GetGetter();
                Collect(owned, (order, row) => reach(order, row) is { } owner ? getter.GetClrValue(owner) : null, into, ref identity);
            }
        }
    }

    private sealed record Column(RelationalTypeMapping Mapping, Func<Order, object, object?> Read, bool Nullable);
}
