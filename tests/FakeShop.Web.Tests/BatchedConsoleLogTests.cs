using System.Text.Json;
using FakeShop.Web.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace FakeShop.Web.Tests;

/// <summary>
/// The JSON console log written in batches (ADR 26, issue 16): the framework's JSON formatter with the shop's options
/// writes every line, whole, in order, none lost at shutdown, errors on stderr from the configured level — and a burst
/// of lines costs far fewer writes than lines (the framework's console logger makes one per line).
/// </summary>
public sealed class BatchedConsoleLogTests
{
    [Fact]
    public void Every_line_of_a_burst_from_many_threads_is_written_whole_in_order_and_in_far_fewer_writes()
    {
        var (provider, stdout, stderr, writer) = NewProvider(LogLevel.Error);
        const int Threads = 4, PerThread = 1_500;

        using (provider)
        {
            Parallel.For(0, Threads, t =>
            {
                var logger = provider.CreateLogger("Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware");
                for (var i = 0; i < PerThread; i++)
                {
                    using (logger.BeginScope(new Dictionary<string, object> { ["RequestPath"] = $"/cart/{t}" }))
                    {
                        logger.LogInformation("Request and Response:\nRequestMethod: {RequestMethod}\nThread: {Thread}\nLine: {Line}", "GET", t, i);
                    }
                }
            });
            provider.CreateLogger("FakeShop").LogError("the one error");
        }

        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Threads * PerThread, lines.Length);
        var next = new int[Threads];
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var state = json.RootElement.GetProperty("State");
            var thread = state.GetProperty("Thread").GetInt32();
            Assert.Equal(next[thread]++, state.GetProperty("Line").GetInt32());
            Assert.Equal("Information", json.RootElement.GetProperty("LogLevel").GetString());
            Assert.Equal($"/cart/{thread}", json.RootElement.GetProperty("Scopes")[0].GetProperty("RequestPath").GetString());
        }

        Assert.All(next, n => Assert.Equal(PerThread, n));
        var error = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("the one error", JsonDocument.Parse(error).RootElement.GetProperty("Message").GetString());

        // One write (and one flush) per line is what the framework's console logger does.
        Assert.True(writer.Writes < lines.Length / 10, $"{writer.Writes} writes for {lines.Length} lines");
    }

    [Fact]
    public void A_lone_line_is_written_at_once_and_lines_logged_up_to_shutdown_are_not_lost()
    {
        var (provider, stdout, _, _) = NewProvider(LogLevel.None);
        var logger = provider.CreateLogger("FakeShop");

        logger.LogInformation("first");
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!stdout.ToString().Contains("first", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(1);
        }

        Assert.Contains("\"Message\":\"first\"", stdout.ToString(), StringComparison.Ordinal);

        for (var i = 0; i < 3_000; i++)
        {
            logger.LogWarning("line {Line}", i);
        }

        provider.Dispose();
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3_001, lines.Length);
        Assert.Contains("line 2999", lines[^1], StringComparison.Ordinal);
    }

    private static (BatchedConsoleLoggerProvider Provider, LockedText Stdout, LockedText Stderr, BatchedConsoleLoggerProvider.LineWriter Writer) NewProvider(LogLevel errorThreshold)
    {
        // The shop's JSON console settings (OperationsHostExtensions), without the timestamp.
        var services = new ServiceCollection()
            .AddLogging(b => b.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.JsonWriterOptions = new JsonWriterOptions { Indented = false };
            }))
            .Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = errorThreshold)
            .BuildServiceProvider();
        var stdout = new LockedText();
        var stderr = new LockedText();
        var provider = new BatchedConsoleLoggerProvider(
            services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>(),
            services.GetRequiredService<IEnumerable<ConsoleFormatter>>(),
            stdout,
            stderr);
        provider.SetScopeProvider(new LoggerExternalScopeProvider());
        return (provider, stdout, stderr, provider.Writer);
    }

    /// <summary>A text sink the test may read while the writer thread writes to it.</summary>
    private sealed class LockedText : TextWriter
    {
        private readonly System.Text.StringBuilder _text = new();

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            lock (_text)
            {
                _text.Append(buffer);
            }
        }

        public override string ToString()
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }
}
