namespace FakeShop.Application.Carts.RemoveCartLine;

public sealed record RemoveCartLineCommand(Guid VisitorId, int LineId) : ICommand;
