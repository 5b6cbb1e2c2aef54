namespace FakeShop.Application.Carts.GetCartItemCount;

public sealed class GetCartItemCountHandler(IShopDbContext db) : IQueryHandler<GetCartItemCountQuery, int>
{
    public async ValueTask<int> Handle(GetCartItemCountQuery query, CancellationToken cancellationToken) =>
        await db.Carts.AsNoTracking()
            .Where(c => c.VisitorId == query.VisitorId)
            .SelectMany(c => c.Lines)
            .SumAsync(l => (int?)l.Quantity, cancellationToken) ?? 0;
}
