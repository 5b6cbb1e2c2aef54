using System.Globalization;
using System.Text;
using FakeShop.Domain.Common;

namespace FakeShop.Domain.Catalog;

/// <summary>URL-safe identifiers: lower-case ASCII letters, digits and single hyphens.</summary>
public static class Slug
{
    public const int MaxLength = 120;

    public static bool IsValid(string? value) =>
        !string.IsNullOrEmpty(value)
        && value.Length <= MaxLength
        && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && !value.StartsWith('-') && !value.EndsWith('-') && !value.Contains("--", StringComparison.Ordinal);

    /// <summary>Turns a product name into a slug, dropping accents ("Câmera DSLR" → "camera-dslr").</summary>
    public static string From(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(normalized.Length);
        var lastWasHyphen = true;
        foreach (var c in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                builder.Append(lower);
                lastWasHyphen = false;
            }
            else if (!lastWasHyphen)
            {
                builder.Append('-');
                lastWasHyphen = true;
            }
        }

        var slug = builder.ToString().Trim('-');
        if (slug.Length > MaxLength)
        {
            slug = slug[..MaxLength].TrimEnd('-');
        }

        return slug.Length == 0
            ? throw new DomainException("slug.empty", "A slug needs at least one letter or digit.")
            : slug;
    }

    public static string Require(string value) => IsValid(value)
        ? value
        : throw new DomainException("slug.invalid", "A slug may contain only lower-case letters, digits and single hyphens.");
}
