namespace FakeShop.Application.Catalog.ListProducts;

public enum ProductSort
{
    Name = 0,
    PriceAsc = 1,
    PriceDesc = 2,
    Newest = 3,
}
