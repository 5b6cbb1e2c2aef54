namespace FakeShop.Application.Carts.UpdateCartLine;

public sealed record UpdateCartLineCommand(Guid VisitorId, int LineId, int Quantity) : ICommand;
