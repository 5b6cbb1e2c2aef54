using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FakeShop.Application.Common.Behaviours;

/// <summary>
/// Logs each use case by name and duration. It deliberately never logs the message itself: checkout messages carry
/// card data and e-mail addresses.
/// </summary>
public sealed partial class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    /// <summary>The use case's name, looked up once per message type rather than on every message.</summary>
    private static readonly string RequestName = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            // Debug is off in Production: then neither the elapsed time nor the line is computed.
            if (logger.IsEnabled(LogLevel.Debug))
            {
                LogHandled(RequestName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return response;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(RequestName, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handled {Request} in {ElapsedMs:0.0} ms")]
    private partial void LogHandled(string request, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} failed after {ElapsedMs:0.0} ms with {Exception}")]
    private partial void LogFailed(string request, double elapsedMs, string exception);
}
