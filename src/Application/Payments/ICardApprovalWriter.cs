namespace FakeShop.Application.Payments;

/// <summary>
/// Saves the card approval of an order the checkout has just written and left untracked
/// (<see cref="Order.ConfirmCardPayment"/>): its status, version and payment and the new history entry, checked against
/// <paramref name="writtenVersion"/> in <see cref="SaveAsync"/>, the version the reservation wrote. Returns once the
/// approval is committed and on disk. <see cref="Common.Exceptions.ConflictException"/> when someone else settled the
/// order first (the sweeper); nothing is written then.
/// Implemented per provider in Infrastructure: on PostgreSQL the approvals of concurrent checkouts share one statement
/// and one commit (docs/decisions/0037-card-approvals-written-in-batches.md).
/// </summary>
public interface ICardApprovalWriter
{
    Task SaveAsync(Order order, int writtenVersion, CancellationToken ct);
}
