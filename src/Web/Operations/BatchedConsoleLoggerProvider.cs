using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace FakeShop.Web.Operations;

/// <summary>
/// The console logger of the JSON log (docs/decisions/0026): the framework's formatter writes every line exactly as the
/// framework's console logger would (same <see cref="ConsoleLoggerOptions"/>, same <c>json</c> formatter and its options,
/// same scopes, same stdout/stderr split), but the lines waiting in the queue are written together. The framework's
/// logger wakes its writer thread for each line and writes each line on its own (a context switch and a system call
/// per request for the access log, ≈ 5 % of an add-to-cart post's CPU, perf under bench load, docs/performance.md).
/// Here the writer, once woken, writes what is queued in one call and then waits <see cref="BatchDelay"/> before it
/// takes the next batch, so under load it wakes a few hundred times a second instead of once per line; a lone line
/// is still written at once. Lines are never split or reordered; what is queued at shutdown is written before the
/// provider goes (the framework's logger does the same, within the same 1.5 s).
/// </summary>
[ProviderAlias("Console")]
public sealed class BatchedConsoleLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    /// <summary>How long the writer lets lines gather after a batch: at most this much later on stdout than before.</summary>
    internal static readonly TimeSpan BatchDelay = TimeSpan.FromMilliseconds(5);

    private readonly Dictionary<string, ConsoleFormatter> _formatters;
    private readonly IDisposable? _optionsReload;
    private readonly LineWriter _writer;
    private volatile Settings _settings;
    private IExternalScopeProvider? _scopes;

    public BatchedConsoleLoggerProvider(IOptionsMonitor<ConsoleLoggerOptions> options, IEnumerable<ConsoleFormatter> formatters)
        : this(options, formatters, Buffered(Console.OpenStandardOutput()), Buffered(Console.OpenStandardError()))
    {
        // Main may return (a start-up failure, the migrate command) without the host disposing its services: the lines
        // still queued then — the last ones, often the reason it stopped — are written before the process ends.
        AppDomain.CurrentDomain.ProcessExit += WriteQueuedAtExit;
    }

    internal BatchedConsoleLoggerProvider(IOptionsMonitor<ConsoleLoggerOptions> options, IEnumerable<ConsoleFormatter> formatters, TextWriter stdout, TextWriter stderr)
    {
        _formatters = formatters.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        _settings = SettingsFrom(options.CurrentValue);
        _optionsReload = options.OnChange(o => _settings = SettingsFrom(o));
        _writer = new LineWriter(stdout, stderr, _settings.MaxQueueLength, _settings.FullMode);
    }

    /// <summary>
    /// The process's stdout/stderr with a buffer of our own: <see cref="Console.Out"/> flushes after every write. A batch
    /// is flushed once, after its last line.
    /// </summary>
    private static StreamWriter Buffered(Stream stream) => new(stream, new UTF8Encoding(false), 16 * 1024) { AutoFlush = false };

    internal LineWriter Writer => _writer;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= WriteQueuedAtExit;
        _optionsReload?.Dispose();
        _writer.Dispose();
    }

    private void WriteQueuedAtExit(object? sender, EventArgs e) => _writer.Dispose();

    private Settings SettingsFrom(ConsoleLoggerOptions o) => new(
        o.FormatterName is { } name && _formatters.TryGetValue(name, out var chosen) ? chosen
        : _formatters.TryGetValue(o.FormatterName ?? ConsoleFormatterNames.Simple, out var simple) ? simple
        : _formatters.Values.First(),
        o.LogToStandardErrorThreshold,
        o.MaxQueueLength,
        o.QueueFullMode);

    private sealed record Settings(ConsoleFormatter Formatter, LogLevel ErrorThreshold, int MaxQueueLength, ConsoleLoggerQueueFullMode FullMode);

    private sealed class Logger(string category, BatchedConsoleLoggerProvider provider) : ILogger
    {
        [ThreadStatic]
        private static StringWriter? t_line;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes?.Push(state);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            ArgumentNullException.ThrowIfNull(formatter);
            var settings = provider._settings;
            var line = t_line ??= new StringWriter();
            var entry = new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter);
            settings.Formatter.Write(in entry, provider._scopes, line);
            var text = line.GetStringBuilder();
            if (text.Length == 0)
            {
                return;
            }

            var message = text.ToString();
            text.Clear();
            if (text.Capacity > 1024)
            {
                text.Capacity = 1024;
            }

            provider._writer.Enqueue(message, logLevel >= settings.ErrorThreshold);
        }
    }

    /// <summary>The queue and its one writer thread.</summary>
    internal sealed class LineWriter : IDisposable
    {
        private readonly Queue<(string Text, bool Error)> _queue = new();
        private readonly TextWriter _stdout;
        private readonly TextWriter _stderr;
        private readonly int _max;
        private readonly ConsoleLoggerQueueFullMode _fullMode;
        private readonly Thread _thread;
        private readonly StringBuilder _batch = new();
        private bool _writerWaiting;
        private bool _completed;
        private int _dropped;

        public LineWriter(TextWriter stdout, TextWriter stderr, int maxQueueLength, ConsoleLoggerQueueFullMode fullMode)
        {
            _stdout = stdout;
            _stderr = stderr;
            _max = Math.Max(1, maxQueueLength);
            _fullMode = fullMode;
            _thread = new Thread(Run) { IsBackground = true, Name = "Console log batch writer" };
            _thread.Start();
        }

        /// <summary>System calls made by the writer (for tests: fewer than lines under a burst).</summary>
        internal int Writes { get; private set; }

        public void Enqueue(string text, bool error)
        {
            lock (_queue)
            {
                while (_queue.Count >= _max && !_completed)
                {
                    if (_fullMode == ConsoleLoggerQueueFullMode.DropWrite)
                    {
                        _dropped++;
                        return;
                    }

                    Monitor.Wait(_queue);
                }

                if (!_completed)
                {
                    _queue.Enqueue((text, error));
                    // Only a writer that sleeps needs waking; one that is writing or gathering comes back for this line.
                    if (_writerWaiting)
                    {
                        _writerWaiting = false;
                        Monitor.PulseAll(_queue);
                    }

                    return;
                }
            }

            // After shutdown: written by the caller, as the framework's logger does.
            lock (_batch)
            {
                Write([(text, error)], 0);
            }
        }

        private void Run()
        {
            var taken = new List<(string Text, bool Error)>();
            while (true)
            {
                int dropped;
                lock (_queue)
                {
                    while (_queue.Count == 0 && !_completed)
                    {
                        _writerWaiting = true;
                        Monitor.Wait(_queue);
                    }

                    if (_queue.Count == 0)
                    {
                        return;
                    }

                    var wasFull = _queue.Count >= _max;
                    while (_queue.TryDequeue(out var line))
                    {
                        taken.Add(line);
                    }

                    dropped = _dropped;
                    _dropped = 0;
                    if (wasFull)
                    {
                        Monitor.PulseAll(_queue);
                    }
                }

                lock (_batch)
                {
                    Write(taken, dropped);
                }

                taken.Clear();
                if (!Volatile.Read(ref _completed))
                {
                    Thread.Sleep(BatchDelay);
                }
            }
        }

        private void Write(List<(string Text, bool Error)> lines, int dropped)
        {
            try
            {
                if (dropped > 0)
                {
                    _stderr.Write($"{dropped} message(s) dropped because of queue size limit. Increase the queue size or decrease logging verbosity to avoid this.{Environment.NewLine}");
                }

                // Consecutive lines for the same stream go out in one call; the order of the lines is kept.
                for (var i = 0; i < lines.Count;)
                {
                    var error = lines[i].Error;
                    _batch.Clear();
                    for (; i < lines.Count && lines[i].Error == error; i++)
                    {
                        _batch.Append(lines[i].Text);
                    }

                    var target = error ? _stderr : _stdout;
                    foreach (var chunk in _batch.GetChunks())
                    {
                        target.Write(chunk.Span);
                    }

                    target.Flush();
                    Writes++;
                }

                _batch.Clear();
                if (_batch.Capacity > 64 * 1024)
                {
                    _batch.Capacity = 64 * 1024;
                }
            }
            catch (Exception)
            {
                // stdout gone (closed pipe, disposed writer): as the framework's logger, stop queueing; later lines are
                // attempted by their callers, and a logger never takes the process down.
                lock (_queue)
                {
                    _completed = true;
                    Monitor.PulseAll(_queue);
                }
            }
        }

        public void Dispose()
        {
            lock (_queue)
            {
                _completed = true;
                Monitor.PulseAll(_queue);
            }

            _thread.Join(TimeSpan.FromMilliseconds(1500));
        }
    }
}
