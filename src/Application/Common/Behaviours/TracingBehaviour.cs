using System.Diagnostics;

namespace FakeShop.Application.Common.Behaviours;

/// <summary>One trace span per use case, so a slow request can be split into "which use case" and "which SQL".</summary>
public sealed class TracingBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public const string SourceName = "FakeShop.Application";

    private static readonly ActivitySource Source = new(SourceName);

    private static readonly string SpanName = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        // Without a listener (no span exporter configured) there is no span to start and no name to look up.
        using var activity = Source.HasListeners() ? Source.StartActivity(SpanName, ActivityKind.Internal) : null;
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }
}
