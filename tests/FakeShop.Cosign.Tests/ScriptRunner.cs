using System.Diagnostics;

namespace FakeShop.Cosign.Tests;

/// <summary>
/// Runs the docker/*.sh scripts with bash, forcing our tool (COSIGN_IMPL=dotnet) and pointing them at the
/// FakeShop.Cosign.dll built next to the tests, so they run the same way whether or not cosign is installed.
/// </summary>
internal static class ScriptRunner
{
    public static async Task<CliRunner.Outcome> RunAsync(string script, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(TestData.RepositoryRoot(), "docker", script), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("COSIGN_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["COSIGN_IMPL"] = "dotnet";
        start.Environment["COSIGN_TOOL_DLL"] = Path.Combine(AppContext.BaseDirectory, "FakeShop.Cosign.dll");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliRunner.Outcome(process.ExitCode, await stdout, await stderr);
    }
}
