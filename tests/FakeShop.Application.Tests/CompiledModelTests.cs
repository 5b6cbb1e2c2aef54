using System.Globalization;
using FakeShop.Infrastructure.Persistence;
using FakeShop.Infrastructure.Persistence.CompiledModels.Postgres;
using FakeShop.Infrastructure.Persistence.CompiledModels.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace FakeShop.Application.Tests;

/// <summary>
/// The EF Core compiled models (ADR 21) are generated code that EF picks up on its own, and it would keep using one
/// that no longer matches the configuration: a new column never read, a renamed one queried under its old name. These
/// tests rebuild each model from OnModelCreating (the design-time model, which EF always builds from the code) and
/// compare it with the compiled one, facet by facet, for everything that shapes SQL and materialization. Migration-only
/// facets (default values, check constraints, comments) are not in a compiled model; the `has-pending-model-changes`
/// guard of scripts/test.sh covers those against the migration snapshots.
/// </summary>
public sealed class CompiledModelTests
{
    private const string Regenerate =
        "The compiled model is stale: regenerate it with scripts/optimize-models.sh (see docs/decisions/0021).";

    [Fact]
    public void The_compiled_PostgreSQL_model_matches_the_model_built_from_OnModelCreating()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        // The generated assembly attribute is what makes EF use it; without it start-up silently builds the model again.
        Assert.IsType<PostgresShopDbContextModel>(db.Model);
        AssertSame(Describe(db.GetService<IDesignTimeModel>().Model), Describe(db.Model));
    }

    [Fact]
    public void The_compiled_SQLite_model_matches_the_model_built_from_OnModelCreating()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.IsType<SqliteShopDbContextModel>(db.Model);
        AssertSame(Describe(db.GetService<IDesignTimeModel>().Model), Describe(db.Model));
    }

    [Fact]
    public void The_comparison_sees_a_model_that_differs_in_columns()
    {
        // The two providers map the same entities to different store types (numeric vs INTEGER cents, timestamptz vs
        // INTEGER ticks): the description must tell them apart, or the tests above could not fail.
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);

        var differences = Differences(Describe(postgres.Model), Describe(sqlite.GetService<IDesignTimeModel>().Model));

        Assert.Contains(differences, d => d.Contains("FakeShop.Domain.Catalog.Product.Price", StringComparison.Ordinal));
    }

    [Fact]
    public void The_comparison_sees_a_missing_property_a_renamed_column_and_a_dropped_index()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        var compiled = Describe(db.Model);
        var stale = compiled
            .Where(l => !l.StartsWith("property FakeShop.Domain.Catalog.Product.Stock ", StringComparison.Ordinal))
            .Where(l => !l.StartsWith("index FakeShop.Domain.Catalog.Product(", StringComparison.Ordinal))
            .Select(l => l.Replace("column=Slug ", "column=slug_old ", StringComparison.Ordinal))
            .ToList();

        var differences = Differences(compiled, stale);

        Assert.Contains(differences, d => d.Contains("Product.Stock", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.Contains("index FakeShop.Domain.Catalog.Product(", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.Contains("slug_old", StringComparison.Ordinal));
    }

    private static void AssertSame(IReadOnlyList<string> fromCode, IReadOnlyList<string> compiled)
    {
        var differences = Differences(fromCode, compiled);
        Assert.True(differences.Count == 0, Regenerate + Environment.NewLine + string.Join(Environment.NewLine, differences));
    }

    private static List<string> Differences(IReadOnlyList<string> fromCode, IReadOnlyList<string> compiled) =>
        fromCode.Except(compiled, StringComparer.Ordinal).Select(l => "only in OnModelCreating: " + l)
            .Concat(compiled.Except(fromCode, StringComparer.Ordinal).Select(l => "only in the compiled model: " + l))
            .ToList();

    /// <summary>One line per entity type, property, key, foreign key, navigation and index, with the facets that decide SQL.</summary>
    private static List<string> Describe(IModel model)
    {
        var lines = new List<string>();
        foreach (var entity in model.GetEntityTypes())
        {
            var table = StoreObjectIdentifier.Create(entity, StoreObjectType.Table);
            lines.Add($"entity {entity.Name} clr={entity.ClrType.FullName} base={entity.BaseType?.Name} table={entity.GetSchema()}.{entity.GetTableName()} " +
                      $"view={entity.GetViewName()} owned={entity.IsOwned()} discriminator={entity.FindDiscriminatorProperty()?.Name} " +
                      $"changeTracking={entity.GetChangeTrackingStrategy()}");
            foreach (var p in entity.GetDeclaredProperties())
            {
                var mapping = p.GetRelationalTypeMapping();
                lines.Add($"property {entity.Name}.{p.Name} clr={p.ClrType.FullName} column={(table is { } t ? p.GetColumnName(t) : p.GetColumnName())} " +
                          $"store={mapping.StoreType} provider={p.GetProviderClrType()?.FullName} converter={p.GetValueConverter()?.GetType().FullName} " +
                          $"nullable={p.IsNullable} maxLength={p.GetMaxLength()} precision={p.GetPrecision()} scale={p.GetScale()} unicode={p.IsUnicode()} " +
                          $"generated={p.ValueGenerated} concurrency={p.IsConcurrencyToken} shadow={p.IsShadowProperty()} " +
                          $"field={p.FieldInfo?.Name} access={p.GetPropertyAccessMode()} sentinel={Convert.ToString(p.Sentinel, CultureInfo.InvariantCulture)}");
            }

            foreach (var key in entity.GetDeclaredKeys())
            {
                lines.Add($"key {entity.Name}({Names(key.Properties)}) primary={key.IsPrimaryKey()}");
            }

            foreach (var fk in entity.GetDeclaredForeignKeys())
            {
                lines.Add($"foreignKey {entity.Name}({Names(fk.Properties)}) -> {fk.PrincipalEntityType.Name}({Names(fk.PrincipalKey.Properties)}) " +
                          $"required={fk.IsRequired} unique={fk.IsUnique} ownership={fk.IsOwnership} delete={fk.DeleteBehavior} " +
                          $"toPrincipal={fk.DependentToPrincipal?.Name} toDependent={fk.PrincipalToDependent?.Name}");
            }

            foreach (var navigation in entity.GetDeclaredNavigations())
            {
                lines.Add($"navigation {entity.Name}.{navigation.Name} -> {navigation.TargetEntityType.Name} collection={navigation.IsCollection} " +
                          $"field={navigation.FieldInfo?.Name} access={navigation.GetPropertyAccessMode()} eager={navigation.IsEagerLoaded}");
            }

            foreach (var index in entity.GetDeclaredIndexes())
            {
                lines.Add($"index {entity.Name}({Names(index.Properties)}) unique={index.IsUnique} name={index.Name} database={index.GetDatabaseName()}");
            }
        }

        return lines;
    }

    private static string Names(IEnumerable<IReadOnlyProperty> properties) => string.Join(",", properties.Select(p => p.Name));
}
