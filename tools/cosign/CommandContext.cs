namespace FakeShop.Cosign;

/// <summary>
/// Everything a command touches outside itself. Tests pass their own writers and environment so they can run
/// commands in-process, in parallel, without mutating the real process environment.
/// </summary>
internal sealed record CommandContext(
    TextWriter Out,
    TextWriter Error,
    Func<string, string?> GetEnvironment,
    TextReader Input,
    bool InputIsTerminal)
{
    public static CommandContext FromConsole() => new(
        Console.Out,
        Console.Error,
        Environment.GetEnvironmentVariable,
        Console.In,
        !Console.IsInputRedirected);
}
