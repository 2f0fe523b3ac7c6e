using System.Globalization;
using System.Text.Json;
using AngleSharp.Html.Dom;
using CsvHelper;

namespace Portal.Tests.Statistics;

/// <summary>
/// A published table as a reader gets it, from any of the three forms (page, CSV, JSON): its
/// count cells as numbers or null (suppressed), rates left out. The privacy checks run on this,
/// so they check what leaves the server, not what the code meant to send.
/// </summary>
public sealed record PublishedGrid(string Name, List<string> Columns, List<(string Label, List<long?> Cells)> Rows, bool HasTotalRow)
{
    private const string Suppressed = "S";

    public static List<PublishedGrid> FromPage(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("figure table").Select(table =>
        {
            var headers = table.QuerySelectorAll("thead th").Skip(1).Select(th => th.TextContent.Trim()).ToList();
            List<(string, List<string>)> rows = [.. table.QuerySelectorAll("tbody tr, tfoot tr")
                .Select(tr => (tr.QuerySelector("th")!.TextContent.Trim(), tr.QuerySelectorAll("td").Select(td => PageCell(td.TextContent.Trim())).ToList()))];
            return Of(table.Closest("figure")!.Id!, headers, rows, table.QuerySelector("tfoot") is not null);
        })];

    public static PublishedGrid FromCsv(string name, byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes);
        var headers = reader.Headers.ToArray();
        var rows = new List<(string, List<string>)>();
        while (reader.Read())
        {
            var fields = reader.Current.ToDictionary();
            rows.Add((fields[headers[0]]!, [.. headers.Skip(1).Select(h => fields[h]!.StartsWith('<') || fields[h] == "x" ? Suppressed : fields[h]!)]));
        }

        var columns = headers.Skip(1).Select(h => h.EndsWith("(%)", StringComparison.Ordinal) ? "%" : h).ToList();
        return Of(name, columns, rows, rows.Count > 0 && rows[^1].Item1 == "Jumlah");
    }

    public static List<PublishedGrid> FromJson(JsonElement document) =>
        [.. document.GetProperty("tables").EnumerateArray().Select(table =>
        {
            var columns = table.GetProperty("columns").EnumerateArray()
                .Select(c => c.GetProperty("kind").GetString() == "percent" ? "%" : c.GetProperty("title").GetString()!).ToList();
            var rows = table.GetProperty("rows").EnumerateArray().ToList();
            if (table.GetProperty("total").ValueKind != JsonValueKind.Null)
            {
                rows.Add(table.GetProperty("total"));
            }

            List<(string, List<string>)> cells = [.. rows.Select(r => (r.GetProperty("label").GetString()!,
                r.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("suppressed").GetBoolean() ? Suppressed
                    : c.GetProperty("value").ValueKind == JsonValueKind.Null ? string.Empty
                    : c.GetProperty("value").GetDecimal().ToString(CultureInfo.InvariantCulture)).ToList()))];
            return Of(table.GetProperty("key").GetString()!, columns, cells, table.GetProperty("total").ValueKind != JsonValueKind.Null);
        })];

    /// <summary>The page's "1.234", "&lt; 5" and "x"; a rate ("45,6%") or a dash becomes empty.</summary>
    private static string PageCell(string text) =>
        text.StartsWith('<') || text == "x" ? Suppressed
        : text.EndsWith('%') || text == "–" ? string.Empty
        : text.Replace(".", string.Empty, StringComparison.Ordinal);

    /// <summary>
    /// Keeps the counts of people: a rate column (headed "%" here, or holding no number) is dropped,
    /// and so are batches and seats, which are about the office's offer, not about anyone.
    /// </summary>
    private static PublishedGrid Of(string name, List<string> headers, List<(string Label, List<string> Cells)> rows, bool hasTotal)
    {
        var keep = Enumerable.Range(0, headers.Count)
            .Where(c => headers[c] is not ("%" or "Gelombang" or "Kursi") && rows.All(r => r.Cells[c] != string.Empty && !r.Cells[c].Contains('.', StringComparison.Ordinal)))
            .ToList();
        return new PublishedGrid(name, [.. keep.Select(c => headers[c])],
            [.. rows.Select(r => (r.Label, keep.Select(c => r.Cells[c] == Suppressed ? (long?)null : long.Parse(r.Cells[c], CultureInfo.InvariantCulture)).ToList()))],
            hasTotal);
    }

    /// <summary>
    /// What a reader could learn about a small group: a count from 1 to 4; a column whose total
    /// gives away its one hidden cell; a row whose "Jumlah" does; a nested pair (applicants and
    /// participants or accepted) whose difference is from 1 to 4.
    /// </summary>
    public IEnumerable<string> Disclosures(int threshold = 5)
    {
        foreach (var (label, cells) in Rows)
        {
            foreach (var (value, c) in cells.Select((v, c) => (v, c)))
            {
                if (value is > 0 && value < threshold)
                {
                    yield return $"{Name}: {label} / {Columns[c]} = {value}";
                }
            }

            var total = Columns.IndexOf("Jumlah");
            if (total >= 0 && cells.Count(v => v is null) == 1)
            {
                yield return $"{Name}: row {label} has one hidden cell beside its Jumlah";
            }

            foreach (var (subset, superset) in new[] { ("Peserta", "Pendaftar"), ("Diterima", "Pendaftar"), ("Selesai", "Diterima"), ("Ditempatkan", "Selesai") })
            {
                int s = Columns.IndexOf(subset), p = Columns.IndexOf(superset);
                if (s >= 0 && p >= 0 && cells[p] - cells[s] is > 0 and var difference && difference < threshold)
                {
                    yield return $"{Name}: {label} {superset} − {subset} = {difference}";
                }
            }
        }

        if (HasTotalRow)
        {
            for (var c = 0; c < Columns.Count; c++)
            {
                if (Rows.Count(r => r.Cells[c] is null) == 1)
                {
                    yield return $"{Name}: column {Columns[c]} has one hidden cell beside its total";
                }
            }
        }
    }
}
