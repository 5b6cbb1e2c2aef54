using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace FakeShop.Infrastructure.Persistence;

/// <summary>
/// A table of the EF model as plain SQL names it, delimited by the provider: for the few plain statements that run
/// without EF's query pipeline (the start-up's admin check and key ring read, the checkout's order rows on PostgreSQL,
/// ADR 29), so a renamed table or column in the model changes their SQL with it. Fails loudly when the entity or the
/// property is not mapped.
/// </summary>
internal readonly record struct MappedTable(IEntityType Entity, ISqlGenerationHelper Sql)
{
    public static MappedTable Of<TEntity>(DbContext db) => new(
        db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the shop's model."),
        db.GetService<ISqlGenerationHelper>());

    public string Name => Sql.DelimitIdentifier(Entity.GetTableName()!);

    public string Column(string property) => Sql.DelimitIdentifier(
        (Entity.FindProperty(property) ?? throw new InvalidOperationException($"{Entity.DisplayName()} has no {property}.")).GetColumnName());
}
