using FakeShop.Application.Common.Models;

namespace FakeShop.Application.Admin.ListAdminOrders;

/// <param name="Search">An order number or a customer's e-mail.</param>
public sealed record ListAdminOrdersQuery(OrderStatus? Status = null, string? Search = null, int Page = 1)
    : IQuery<PagedList<AdminOrderRowVm>>;
