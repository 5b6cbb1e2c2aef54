namespace FakeShop.Application.Admin;

/// <summary>The order list's filter, shared by the page and the CSV export so both always show the same orders.</summary>
public static class AdminOrderFilter
{
    public static IQueryable<Order> Apply(IQueryable<Order> orders, OrderStatus? status, string? search)
    {
        if (status is { } s)
        {
            orders = orders.Where(o => o.Status == s);
        }

        var term = search?.Trim();
        if (!string.IsNullOrEmpty(term))
        {
            var number = term.ToUpperInvariant();
            var email = term.ToLowerInvariant();
            // E-mails are stored lower-case and numbers upper-case, so plain comparisons hit the indexes.
            orders = orders.Where(o => o.Number == number || o.Customer.Email == email);
        }

        return orders;
    }
}
