namespace FakeShop.Cosign;

/// <summary>
/// Bad command-line usage: reported with the usage text and exit code 2, so a typo in a script is told apart
/// from a verification failure (exit 1).
/// </summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UsageException()
    {
    }
}
