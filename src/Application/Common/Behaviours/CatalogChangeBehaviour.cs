namespace FakeShop.Application.Common.Behaviours;

/// <summary>
/// After a command marked <see cref="IChangesCatalog"/> succeeds (its transaction is committed by then), tells the
/// observer, so that this instance never serves a page rendered before the change — even in the milliseconds before
/// the database's own change notification arrives. A failed command changed nothing and signals nothing; one whose
/// answer says it left everything the pages show as it was (<see cref="ICatalogChangeOutcome"/>) signals nothing either.
/// </summary>
public sealed class CatalogChangeBehaviour<TMessage, TResponse>(IEnumerable<ICatalogChangeObserver> observers)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);
        if (message is IChangesCatalog && response is not ICatalogChangeOutcome { LeftShownCatalogueUnchanged: true })
        {
            foreach (var observer in observers)
            {
                observer.CatalogChanged();
            }
        }

        return response;
    }
}
