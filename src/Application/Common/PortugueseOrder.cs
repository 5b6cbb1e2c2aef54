namespace FakeShop.Application.Common;

/// <summary>
/// Alphabetical order as a Brazilian reader expects it: "Áudio" before "Câmeras" before "Computadores", not after
/// "Streaming" as character codes (and PostgreSQL's C collation) put it. Written out rather than taken from ICU:
/// the container image runs with invariant globalization, where a pt-BR culture compares ordinally. Lists are
/// therefore sorted here, in memory, the same way on both database providers.
/// </summary>
public sealed class PortugueseOrder : IComparer<string>
{
    public static PortugueseOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var folded = string.CompareOrdinal(Fold(x), Fold(y));
        return folded != 0 ? folded : string.CompareOrdinal(x, y);
    }

    /// <summary>Lower case without the accents Portuguese uses, so accented letters sort with their base letter.</summary>
    private static string Fold(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = char.ToLowerInvariant(source[i]) switch
            {
                'á' or 'à' or 'â' or 'ã' or 'ä' => 'a',
                'é' or 'è' or 'ê' or 'ë' => 'e',
                'í' or 'ì' or 'î' or 'ï' => 'i',
                'ó' or 'ò' or 'ô' or 'õ' or 'ö' => 'o',
                'ú' or 'ù' or 'û' or 'ü' => 'u',
                'ç' => 'c',
                var c => c,
            };
        }
    });
}
