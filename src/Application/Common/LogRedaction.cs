namespace FakeShop.Application.Common;

/// <summary>
/// What may appear in logs about a person. Log lines are shipped to aggregators and kept for weeks, so an e-mail
/// address is reduced to its first letter and domain: enough to tell "which customer's domain" during an incident,
/// not enough to identify or contact anyone.
/// </summary>
public static class LogRedaction
{
    /// <summary>"ana.souza@example.com" becomes "a***@example.com"; anything that is not an address becomes "***".</summary>
    public static string MaskEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return "(none)";
        }

        var trimmed = email.Trim();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1)
        {
            return "***";
        }

        return string.Concat(trimmed.AsSpan(0, 1), "***", trimmed.AsSpan(at));
    }
}
