using System.Diagnostics;
using System.Xml.Linq;
using FakeShop.Domain.Common;
using FakeShop.Domain.Payments;
using FakeShop.Web.Payments;

namespace FakeShop.Web.Tests;

/// <summary>
/// The QR code on the order page must be readable by a phone and carry exactly the copia-e-cola text. The SVG is
/// rasterised by librsvg (rsvg-convert) and read back by ZBar (zbarimg), two independent programs that
/// scripts/test.sh installs; without them the test fails and says which package is missing.
/// </summary>
public class PixQrCodeTests
{
    private static readonly string Payload =
        PixBrCode.Build("pix@fakeshop.example", "Fake Shop", "Sao Paulo", Money.Brl(1234.56m), "FS7KQ2M9XD", singleUse: true);

    [Fact]
    public void The_svg_is_well_formed_and_carries_no_script_or_style()
    {
        var svg = XDocument.Parse(PixQrCode.Svg(Payload));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.NotNull(svg.Root.Attribute("viewBox"));
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName is "script" or "style" or "foreignObject");
        Assert.DoesNotContain(svg.Descendants().Attributes(), a => a.Name.LocalName == "style" || a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
    }

    [Fact]
    public void A_different_payload_draws_a_different_code() =>
        Assert.NotEqual(PixQrCode.Svg(Payload), PixQrCode.Svg(Payload.Replace("1234.56", "1234.57", StringComparison.Ordinal)));

    [Fact]
    public async Task A_qr_reader_decodes_the_svg_back_to_the_copia_e_cola_text()
    {
        var dir = Directory.CreateTempSubdirectory("pixqr");
        try
        {
            var svgPath = Path.Combine(dir.FullName, "code.svg");
            var pngPath = Path.Combine(dir.FullName, "code.png");
            await File.WriteAllTextAsync(svgPath, PixQrCode.Svg(Payload));

            // 8 pixels per module: a clean raster for the reader, as a phone would see a screen.
            await RunAsync("rsvg-convert", "librsvg2-bin", "--zoom", "8", "--output", pngPath, svgPath);
            var decoded = await RunAsync("zbarimg", "zbar-tools", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", pngPath);

            Assert.Equal(Payload, decoded.TrimEnd('\n'));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(string program, string package, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail($"{program} is missing: apt-get install {package} (scripts/test.sh does).");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{program} exited {process.ExitCode}: {await error}");
            return await output;
        }
    }
}
