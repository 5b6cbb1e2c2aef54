using System.Diagnostics;

namespace FakeShop.Deployment.Tests.Support;

/// <summary>Runs optional command-line validators (kubectl, promtool, nginx) when they are installed.</summary>
internal static class Tools
{
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin")
            .Select(p => Path.Combine(p, name))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// The validator, or a failed test naming the Debian package to install: a check that silently passes when its
    /// tool is missing would prove nothing. scripts/test.sh installs all three.
    /// </summary>
    public static string Require(string name) =>
        Find(name) ?? throw new Xunit.Sdk.XunitException(
            $"'{name}' is not installed; install the Debian package {(name == "promtool" ? "prometheus" : name == "nginx" ? "nginx-light" : name)} (scripts/test.sh does).");

    /// <summary>Runs the tool and fails the test on a non-zero exit; returns stdout.</summary>
    public static string Run(string exe, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{exe} {string.Join(' ', args)} timed out");
        }

        Assert.True(p.ExitCode == 0, $"{exe} {string.Join(' ', args)} exited {p.ExitCode}: {stderr.Result}{stdout.Result}");
        return stdout.Result;
    }
}
