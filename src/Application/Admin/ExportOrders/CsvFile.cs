namespace FakeShop.Application.Admin.ExportOrders;

public sealed record CsvFile(string FileName, byte[] Content)
{
    public const string ContentType = "text/csv; charset=utf-8";
}
