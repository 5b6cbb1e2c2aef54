namespace FakeShop.Application.Common;

/// <summary>
/// The shop's clock on the wall: times are stored in UTC and shown, on pages and in exports, in Brasília time
/// (America/Sao_Paulo), which is what the shop's customers and staff live by. The one place the zone is named.
/// </summary>
public static class BrasiliaTime
{
    /// <summary>Brazil has had no daylight saving time since 2019: if the zone database is missing, UTC-3 is right.</summary>
    private static readonly TimeZoneInfo Zone = Find();

    public static DateTimeOffset ToLocal(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Zone);

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("America/Sao_Paulo", TimeSpan.FromHours(-3), "Brasília", "Brasília");
        }
    }
}
