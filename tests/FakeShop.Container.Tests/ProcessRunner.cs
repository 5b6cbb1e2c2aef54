using System.Diagnostics;
using System.Text;

namespace FakeShop.Container.Tests;

public sealed record ProcessResult(string Command, int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The command, its exit code and the tail of its output, for assertion and exception messages.</summary>
    public string Describe(int tailLines = 40) =>
        $"`{Command}` exited {ExitCode} after {Elapsed.TotalSeconds:F1} s{Environment.NewLine}" +
        $"--- stdout (tail) ---{Environment.NewLine}{Tail(StandardOutput, tailLines)}{Environment.NewLine}" +
        $"--- stderr (tail) ---{Environment.NewLine}{Tail(StandardError, tailLines)}";

    public ProcessResult EnsureSuccess() =>
        Succeeded ? this : throw new InvalidOperationException(Describe());

    internal static string Tail(string text, int lines)
    {
        var all = text.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}

/// <summary>Runs external programs with an argument list (no shell quoting), an environment and a timeout.</summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null,
        string? workingDirectory = null)
    {
        var startInfo = CreateStartInfo(fileName, arguments, environment, workingDirectory);
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.RedirectStandardInput = true;
        var command = Render(startInfo);

        using var process = new Process { StartInfo = startInfo };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);

        var watch = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"cannot start `{command}`: {ex.Message}", ex);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException(
                $"`{command}` did not finish within {timeout ?? TimeSpan.FromMinutes(5)}{Environment.NewLine}" +
                ProcessResult.Tail(Snapshot(stdout) + Snapshot(stderr), 40));
        }

        return new ProcessResult(command, process.ExitCode, Snapshot(stdout), Snapshot(stderr), watch.Elapsed);
    }

    /// <summary>
    /// Starts a long-running program with stdout and stderr appended to <paramref name="logFile"/>
    /// (through `sh -c 'exec ...'`, so the returned process IS the program).
    /// </summary>
    public static Process StartBackground(
        string fileName,
        IEnumerable<string> arguments,
        string logFile,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var shellArguments = new List<string> { "-c", "exec \"$0\" \"$@\" >>\"$FAKESHOP_LOG_FILE\" 2>&1", fileName };
        shellArguments.AddRange(arguments);
        var env = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>(), StringComparer.Ordinal)
        {
            ["FAKESHOP_LOG_FILE"] = logFile,
        };
        var startInfo = CreateStartInfo("/bin/sh", shellArguments, env, workingDirectory: null);
        startInfo.RedirectStandardInput = true;
        var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"cannot start {fileName}");
        process.StandardInput.Close();
        return process;
    }

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>.</summary>
    public static async Task StopAsync(Process? process, TimeSpan grace)
    {
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                await RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], timeout: TimeSpan.FromSeconds(10));
                using var cts = new CancellationTokenSource(grace);
                try
                {
                    await process.WaitForExitAsync(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // never started or already reaped
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>Finds an executable on PATH (plus the sbin directories, which a non-login root shell may lack).</summary>
    public static string? Which(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? name : null;
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return path.Concat(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"])
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    private static ProcessStartInfo CreateStartInfo(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment,
        string? workingDirectory)
    {
        var startInfo = new ProcessStartInfo(fileName) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (workingDirectory is not null)
        {
            startInfo.WorkingDirectory = workingDirectory;
        }

        // The test host's own settings must not leak into the tools (e.g. a DOTNET_ROOT for another SDK).
        startInfo.Environment.Remove("MSBuildExtensionsPath");
        startInfo.Environment.Remove("MSBUILD_EXE_PATH");
        startInfo.Environment.Remove("MSBuildSDKsPath");
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                if (value is null)
                {
                    startInfo.Environment.Remove(key);
                }
                else
                {
                    startInfo.Environment[key] = value;
                }
            }
        }

        return startInfo;
    }

    private static string Render(ProcessStartInfo startInfo) =>
        string.Join(' ', new[] { startInfo.FileName }.Concat(startInfo.ArgumentList.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a)));

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.Append(line).Append('\n');
        }
    }

    private static string Snapshot(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }
}
