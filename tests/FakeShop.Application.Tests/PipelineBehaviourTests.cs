using System.Diagnostics;
using FakeShop.Application.Common.Behaviours;
using FluentValidation;
using Microsoft.Extensions.Logging;

namespace FakeShop.Application.Tests;

/// <summary>
/// The validation, logging and tracing behaviours on their own (no database), as made cheap for the hot add to cart
/// (docs/performance.md "Add to cart, session 8"): a valid message passes without a failure list, every validator's
/// failures are still reported together; the "handled" line is written only when Debug is on, failures always; a span
/// named after the use case is started only when something listens.
/// </summary>
public sealed class PipelineBehaviourTests
{
    [Fact]
    public async Task A_valid_message_reaches_the_handler()
    {
        var behaviour = new ValidationBehaviour<Probe, int>([new PositiveValidator(), new SmallValidator()]);

        var result = await behaviour.Handle(new Probe(5), (_, _) => ValueTask.FromResult(7), CancellationToken.None);

        Assert.Equal(7, result);
    }

    [Fact]
    public async Task The_failures_of_every_validator_are_reported_together_and_the_handler_does_not_run()
    {
        var behaviour = new ValidationBehaviour<Probe, int>([new PositiveValidator(), new SmallValidator(), new SmallValidator()]);
        var ran = false;

        var error = await Assert.ThrowsAsync<ValidationException>(async () =>
            await behaviour.Handle(new Probe(-200), (_, _) => { ran = true; return ValueTask.FromResult(0); }, CancellationToken.None));

        Assert.False(ran);
        Assert.Equal(["positive", "small", "small"], error.Errors.Select(e => e.ErrorMessage));
    }

    [Fact]
    public async Task The_handled_line_is_written_only_when_debug_is_on()
    {
        var quiet = new RecordingLogger(LogLevel.Information);
        await new LoggingBehaviour<Probe, int>(quiet).Handle(new Probe(1), (_, _) => ValueTask.FromResult(1), CancellationToken.None);
        Assert.Empty(quiet.Lines);

        var verbose = new RecordingLogger(LogLevel.Debug);
        await new LoggingBehaviour<Probe, int>(verbose).Handle(new Probe(1), (_, _) => ValueTask.FromResult(1), CancellationToken.None);
        var line = Assert.Single(verbose.Lines);
        Assert.Equal(LogLevel.Debug, line.Level);
        Assert.StartsWith("Handled Probe in ", line.Text);
    }

    [Fact]
    public async Task A_failure_is_logged_with_the_use_case_name_and_rethrown()
    {
        var logger = new RecordingLogger(LogLevel.Information);

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await new LoggingBehaviour<Probe, int>(logger).Handle(new Probe(1), (_, _) => throw new InvalidOperationException(), CancellationToken.None));

        var line = Assert.Single(logger.Lines);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Matches("^Probe failed after .* ms with InvalidOperationException$", line.Text);
    }

    [Fact]
    public async Task A_span_named_after_the_use_case_is_started_while_something_listens()
    {
        var behaviour = new TracingBehaviour<Probe, int>();
        var spans = new List<Activity>();
        Activity? current = null;
        using (var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TracingBehaviour<Probe, int>.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        })
        {
            ActivitySource.AddActivityListener(listener);
            await behaviour.Handle(new Probe(1), (_, _) => { current = Activity.Current; return ValueTask.FromResult(1); }, CancellationToken.None);
        }

        var span = Assert.Single(spans);
        Assert.Equal("Probe", span.OperationName);
        Assert.Same(span, current);

        // Nobody listens any more: the handler runs without a span of ours.
        Activity? without = null;
        await behaviour.Handle(new Probe(1), (_, _) => { without = Activity.Current; return ValueTask.FromResult(1); }, CancellationToken.None);
        Assert.True(without is null || without.Source.Name != TracingBehaviour<Probe, int>.SourceName);
    }

    public sealed record Probe(int Value) : ICommand<int>;

    private sealed class PositiveValidator : AbstractValidator<Probe>
    {
        public PositiveValidator() => RuleFor(p => p.Value).GreaterThan(0).WithMessage("positive");
    }

    private sealed class SmallValidator : AbstractValidator<Probe>
    {
        public SmallValidator() => RuleFor(p => p.Value).InclusiveBetween(-100, 100).WithMessage("small");
    }

    private sealed class RecordingLogger(LogLevel minimum) : ILogger<LoggingBehaviour<Probe, int>>
    {
        public List<(LogLevel Level, string Text)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Lines.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
