using System.Globalization;
using CsvHelper;

namespace Portal.Statistics;

/// <summary>
/// One published table as a CSV file, for a data portal and for Excel. Choices, each for a reason:
/// <list type="bullet">
/// <item>UTF-8 with a byte order mark: without it Excel reads "Pendaftar – Cipocok Jaya" as ANSI.</item>
/// <item>Comma-separated (RFC 4180), header in Indonesian, the same columns and rows as the page, total row last.</item>
/// <item>Numbers without thousands separators and with a decimal point (45.6): a CSV is read by
/// programs first, and "1.234" would be one and a quarter to most of them. Rates are percentages.</item>
/// <item>A suppressed count is the text "&lt;5" (the threshold, without a space so it stays one token):
/// a reader sees at once that the figure exists and is small, and a program reading numbers
/// fails on it instead of taking an empty cell for zero. A cell hidden to protect a small one (or
/// a rate over a hidden count) is "x", as on the page. The figure itself is never written.</item>
/// <item>A rate over zero is left empty.</item>
/// <item>Labels are programme and batch names staff typed: one that starts like a formula gets a
/// leading apostrophe, so Excel shows it instead of running it (CSV injection).</item>
/// </list>
/// </summary>
public static class StatisticsCsv
{
    public static string SuppressedText(int threshold) => "<" + threshold.ToString(CultureInfo.InvariantCulture);

    public static byte[] Write(PublishedTable table, int threshold)
    {
        using var stream = new MemoryStream();
        var options = CsvWriterOptions.Default with { WriteByteOrderMark = true, FormatProvider = CultureInfo.InvariantCulture };
        using (var csv = CsvWriter.Create(stream, options, leaveOpen: true))
        {
            csv.WriteHeader([table.LabelHeader, .. table.Columns.Select(c => c.Kind == ColumnKind.Rate ? c.Title + " (%)" : c.Title)]);
            foreach (var row in table.Total is { } total ? [.. table.Rows, total] : table.Rows)
            {
                csv.WriteField(Plain(row.Label));
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    var cell = row.Cells[c];
                    csv.WriteField(cell.Suppression switch
                    {
                        Suppression.Small => SuppressedText(threshold),
                        Suppression.None => cell.Value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                        _ => IdNumbers.Hidden,
                    });
                }

                csv.EndRecord();
            }
        }

        return stream.ToArray();
    }

    private static string Plain(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
