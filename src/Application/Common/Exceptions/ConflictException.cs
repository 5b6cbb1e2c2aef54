namespace FakeShop.Application.Common.Exceptions;

/// <summary>
/// Someone else changed what this command was about to change, after the caller looked at it: nothing was written.
/// The caller may look again and repeat the change knowingly. <see cref="Code"/> says which race was lost.
/// </summary>
public sealed class ConflictException : Exception
{
    /// <summary>Another save won: the row's version moved, or the row went away between reading and writing.</summary>
    public const string Edited = "conflict.edited";

    /// <summary>A sale or an adjustment moved the stock since the form showed it.</summary>
    public const string StockChanged = "conflict.stock_changed";

    public ConflictException() : this(Edited, "Someone else saved first; nothing was written.") { }

    public ConflictException(string message) : this(Edited, message) { }

    public ConflictException(string message, Exception innerException) : base(message, innerException) => Code = Edited;

    public ConflictException(string code, string message, Exception? innerException = null) : base(message, innerException) => Code = code;

    public string Code { get; }
}
