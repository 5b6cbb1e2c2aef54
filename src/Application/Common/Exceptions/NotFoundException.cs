namespace FakeShop.Application.Common.Exceptions;

/// <summary>
/// The thing asked for does not exist for this caller. Someone else's cart line or order is reported the same way
/// as a missing one, so ids cannot be probed.
/// </summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException() : base("Not found.") { }

    public NotFoundException(string message) : base(message) { }

    public NotFoundException(string message, Exception innerException) : base(message, innerException) { }
}
