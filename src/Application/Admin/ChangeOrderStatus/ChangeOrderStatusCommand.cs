namespace FakeShop.Application.Admin.ChangeOrderStatus;

/// <param name="ChangedBy">The signed-in admin's name, written into the order's history.</param>
public sealed record ChangeOrderStatusCommand(string Number, OrderStatus Target, string ChangedBy) : ICommand, IChangesCatalog;
