using System.Globalization;
using System.Text;

namespace FakeShop.Application.Admin.ExportOrders;

/// <summary>
/// CSV the way Brazilian Excel and LibreOffice open it with a double click: UTF-8 with a BOM (or accents break),
/// ';' between fields and a decimal comma. Text that a spreadsheet would run as a formula is neutralised.
/// </summary>
public sealed class CsvWriter
{
    private static readonly NumberFormatInfo DecimalComma = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "" };
    private readonly StringBuilder _text = new();
    private bool _lineStarted;

    public CsvWriter Text(string? value)
    {
        Separator();
        var safe = Neutralise(value ?? string.Empty);
        if (safe.IndexOfAny([';', '"', '\n', '\r']) >= 0)
        {
            _text.Append('"').Append(safe.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            _text.Append(safe);
        }

        return this;
    }

    public CsvWriter Number(decimal value)
    {
        Separator();
        _text.Append(value.ToString("0.00", DecimalComma));
        return this;
    }

    public CsvWriter Count(int value)
    {
        Separator();
        _text.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public CsvWriter EndLine()
    {
        _text.Append("\r\n");
        _lineStarted = false;
        return this;
    }

    public byte[] ToBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(_text.ToString())];

    /// <summary>A leading = + - @ (or tab / carriage return) makes spreadsheets evaluate the cell: prefix a quote.</summary>
    public static string Neutralise(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private void Separator()
    {
        if (_lineStarted)
        {
            _text.Append(';');
        }

        _lineStarted = true;
    }
}
