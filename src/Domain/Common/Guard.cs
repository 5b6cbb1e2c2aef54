namespace FakeShop.Domain.Common;

/// <summary>Small argument checks shared by the aggregates so each rule has one wording.</summary>
public static class Guard
{
    public static string RequiredText(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException($"{field}.required", $"{field} is required.");
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainException($"{field}.too_long", $"{field} must be at most {maxLength} characters.");
        }

        return trimmed;
    }

    public static string OptionalText(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length > maxLength)
        {
            throw new DomainException($"{field}.too_long", $"{field} must be at most {maxLength} characters.");
        }

        return trimmed;
    }
}
