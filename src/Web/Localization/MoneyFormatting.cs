using FakeShop.Domain.Common;

namespace FakeShop.Web.Localization;

public static class MoneyFormatting
{
    /// <summary>"R$ 1.234,56" in Portuguese, "R$1,234.56" in English: BRL written the way each audience reads it.</summary>
    public static string Format(this Money money, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        var number = money.Amount.ToString("#,##0.00", ShopCultures.NumberFormat(culture));
        return ShopCultures.IsPortuguese(culture) ? "R$\u00A0" + number : "R$" + number;
    }
}
