namespace FakeShop.Cosign;

/// <summary>
/// An error meant for the person running the tool: the message is printed as is and the process exits 1,
/// so scripts and CI fail loudly with something readable instead of a stack trace.
/// </summary>
internal sealed class CosignException : Exception
{
    public CosignException(string message)
        : base(message)
    {
    }

    public CosignException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CosignException()
    {
    }
}
