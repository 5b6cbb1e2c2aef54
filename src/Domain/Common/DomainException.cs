namespace FakeShop.Domain.Common;

/// <summary>
/// A business rule was broken. Carries a stable <see cref="Code"/> so the UI can show a translated message
/// without parsing text.
/// </summary>
public class DomainException : Exception
{
    public DomainException(string code, string message) : base(message) => Code = code;

    public DomainException() : this("domain", "A business rule was broken.") { }

    public DomainException(string message) : this("domain", message) { }

    public DomainException(string message, Exception innerException) : base(message, innerException) => Code = "domain";

    public string Code { get; }
}
