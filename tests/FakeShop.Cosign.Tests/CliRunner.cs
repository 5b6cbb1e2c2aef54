namespace FakeShop.Cosign.Tests;

/// <summary>Runs the tool in-process with its own environment and captured output, so tests can run in parallel.</summary>
internal static class CliRunner
{
    public sealed record Outcome(int ExitCode, string Out, string Error);

    public static async Task<Outcome> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var env = environment ?? new Dictionary<string, string>();
        var context = new CommandContext(stdout, stderr, name => env.TryGetValue(name, out var v) ? v : null, TextReader.Null, InputIsTerminal: false);
        var code = await CosignCli.RunAsync(arguments, context);
        return new Outcome(code, stdout.ToString(), stderr.ToString());
    }

    public static Dictionary<string, string> Password(string password) => new() { ["COSIGN_PASSWORD"] = password };
}
