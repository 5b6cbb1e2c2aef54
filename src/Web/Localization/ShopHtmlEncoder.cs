using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace FakeShop.Web.Localization;

/// <summary>
/// The HTML encoder of every page. ASP.NET Core's default allows only Basic Latin and writes every other letter as a
/// character reference: "Câmera" became "C&amp;#xE2;mera", and a Portuguese page carried hundreds of them. The Latin
/// ranges (and the punctuation and currency signs the pages use) go out as UTF-8; the characters that mean something
/// in HTML (&lt; &gt; &amp; quotes) are escaped whatever the allowed ranges say.
/// </summary>
public static class ShopHtmlEncoder
{
    public static TextEncoderSettings Settings { get; } = new(
        UnicodeRanges.BasicLatin,
        UnicodeRanges.Latin1Supplement,
        UnicodeRanges.LatinExtendedA,
        UnicodeRanges.LatinExtendedB,
        UnicodeRanges.LatinExtendedAdditional,
        UnicodeRanges.GeneralPunctuation,
        UnicodeRanges.CurrencySymbols);

    public static HtmlEncoder Instance { get; } = HtmlEncoder.Create(Settings);
}
