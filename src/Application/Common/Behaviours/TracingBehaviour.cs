using System.Diagnostics;

namespace FakeShop.Application.Common.Behaviours;

/// <summary>One trace span per use case, so a slow request can be split into "which use case" and "which SQL".</summary>
public sealed class TracingBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public const string SourceName = "FakeShop.Application";

    private static readonly ActivitySource Source = new(SourceName);

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity(typeof(TMessage).Name, ActivityKind.Internal);
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
