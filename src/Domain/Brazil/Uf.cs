using FakeShop.Domain.Common;

namespace FakeShop.Domain.Brazil;

/// <summary>One of the 27 federative units (26 states and the Federal District), by its two-letter code.</summary>
public sealed record Uf
{
    private Uf(string code, string name)
    {
        Code = code;
        Name = name;
    }

    public string Code { get; }

    /// <summary>The unit's name in Portuguese; it is a proper name, the same in every language.</summary>
    public string Name { get; }

    /// <summary>All 27, in the alphabetical order of their names, as a state select lists them.</summary>
    public static IReadOnlyList<Uf> All { get; } =
    [
        new("AC", "Acre"), new("AL", "Alagoas"), new("AP", "Amapá"), new("AM", "Amazonas"), new("BA", "Bahia"),
        new("CE", "Ceará"), new("DF", "Distrito Federal"), new("ES", "Espírito Santo"), new("GO", "Goiás"),
        new("MA", "Maranhão"), new("MT", "Mato Grosso"), new("MS", "Mato Grosso do Sul"), new("MG", "Minas Gerais"),
        new("PA", "Pará"), new("PB", "Paraíba"), new("PR", "Paraná"), new("PE", "Pernambuco"), new("PI", "Piauí"),
        new("RJ", "Rio de Janeiro"), new("RN", "Rio Grande do Norte"), new("RS", "Rio Grande do Sul"),
        new("RO", "Rondônia"), new("RR", "Roraima"), new("SC", "Santa Catarina"), new("SP", "São Paulo"),
        new("SE", "Sergipe"), new("TO", "Tocantins"),
    ];

    public static bool TryParse(string? code, out Uf uf)
    {
        var trimmed = code?.Trim();
        uf = All.FirstOrDefault(u => string.Equals(u.Code, trimmed, StringComparison.OrdinalIgnoreCase))!;
        return uf is not null;
    }

    public static Uf Parse(string? code) =>
        TryParse(code, out var uf) ? uf : throw new DomainException("uf.invalid", "Not one of the 27 federative units.");

    /// <summary>
    /// Reads a stored state back. Orders placed while the state was free text may hold "São Paulo" or "sp": those
    /// are kept as typed (Code and Name both the text) rather than guessed at or refused when the order is read.
    /// </summary>
    public static Uf FromStored(string stored) => TryParse(stored, out var uf) ? uf : new Uf(stored, stored);

    public override string ToString() => Code;
}
