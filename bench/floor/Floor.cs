using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace FakeShop.Floor;

/// <summary>FLOOR_MODE: hello, razor, ef or stack (Program.cs says what each adds).</summary>
public sealed record FloorMode(string Name)
{
    public bool ReadsDatabase => Name is "ef" or "stack";

    public bool FullStack => Name == "stack";
}

public sealed class Item
{
    // About the catalogue page's weight: 24 products with a name, a price and a line of text each.
    public const int PageSize = 24;

    public int Id { get; set; }

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    public decimal Price { get; set; }

    public static Item Sample(int id) => new()
    {
        Id = id,
        Name = $"Produto {id}",
        Description = string.Concat(Enumerable.Repeat("Uma descrição de produto com acentos e cedilha. ", 20)),
        Price = 10m + id,
    };

    // Sample text only (no markup in it), so it is written as it is.
    public string Html() => $"<li><a href=\"/p/{Id}\">{Name}</a> <span>R$ {Price.ToString("N2", CultureInfo.InvariantCulture)}</span><p>{Description}</p></li>";
}

public sealed class FloorDb(DbContextOptions<FloorDb> options) : DbContext(options)
{
    public DbSet<Item> Items => Set<Item>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Item>(e =>
        {
            e.ToTable("items");
            e.Property(i => i.Id).HasColumnName("id");
            e.Property(i => i.Name).HasColumnName("name");
            e.Property(i => i.Description).HasColumnName("description");
            e.Property(i => i.Price).HasColumnName("price");
        });
}
