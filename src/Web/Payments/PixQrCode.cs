using QRCoder;

namespace FakeShop.Web.Payments;

/// <summary>
/// Draws a BR Code as an SVG QR code on the server. QRCoder's SVG is a rectangle and one path with fill attributes:
/// no script and no style attribute, so it can sit inline in the order page under the shop's CSP unchanged.
/// Error correction M (15 %) is what payment QR codes commonly use: a phone camera reads it off a screen easily
/// while the code stays small.
/// </summary>
public static class PixQrCode
{
    public static string Svg(string payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(payload);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        // The viewBox makes the drawing scale to the size the stylesheet gives it; 1 unit per module.
        return new SvgQRCode(data).GetGraphic(1, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
