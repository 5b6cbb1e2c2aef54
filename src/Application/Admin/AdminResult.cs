namespace FakeShop.Application.Admin;

/// <param name="Id">The id of what was created, when something was.</param>
/// <param name="Detail">An English sentence from the domain, for <see cref="AdminOutcome.Invalid"/> and illegal transitions.</param>
public sealed record AdminResult(AdminOutcome Outcome, int? Id = null, string? Detail = null)
{
    public static AdminResult Done(int? id = null) => new(AdminOutcome.Done, id);

    public static readonly AdminResult NotFound = new(AdminOutcome.NotFound);

    public static readonly AdminResult Conflict = new(AdminOutcome.Conflict);

    public bool Succeeded => Outcome == AdminOutcome.Done;
}
