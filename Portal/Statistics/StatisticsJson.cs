using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Training;

namespace Portal.Statistics;

/// <summary>
/// The whole page's figures as one JSON document, described by the JSON Schema at
/// <see cref="StatisticsEndpoints.SchemaPath"/>. A suppressed cell is <c>{"value": null, "suppressed": true}</c>:
/// the figure is never written, and the marker tells a program that the cell is small, not missing.
/// </summary>
public static class StatisticsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };

    public sealed record Document(
        [property: JsonPropertyName("$schema")] string Schema,
        string Title,
        Licence Licence,
        string Source,
        string Url,
        DateTimeOffset Generated,
        DateTimeOffset LastModified,
        int SuppressionThreshold,
        Filters Filters,
        IReadOnlyList<string> RecordedBatches,
        IReadOnlyList<Table> Tables);

    public sealed record Licence(string Name, string Url);

    public sealed record Filters(int Year, string? Programme, string? Funding);

    public sealed record Table(string Key, string Title, string LabelHeader, string Chart, string Csv, string? Note, IReadOnlyList<Column> Columns, IReadOnlyList<Row> Rows, Row? Total);

    public sealed record Column(string Key, string Title, string Kind, bool Plotted);

    public sealed record Row(string Label, bool Recorded, IReadOnlyList<Cell> Cells);

    /// <summary>Reason: null when shown, "small" (1 to threshold − 1), "complementary" (hidden to protect a small one), "rate" (over a hidden count).</summary>
    public sealed record Cell(decimal? Value, bool Suppressed, string? Reason);

    public static byte[] Write(StatisticsReport report, StatisticsOptions options, SiteLinks links)
    {
        var filter = report.Filter;
        var document = new Document(
            links.Absolute(links.StatisticsSchema()),
            $"Statistik pelatihan kerja Kota Serang {filter.Year}",
            new Licence(options.LicenceName, options.LicenceUrl),
            options.Source,
            links.Absolute(links.StatisticsJson(filter)),
            Wib.AsOffset(report.GeneratedAtUtc),
            Wib.AsOffset(report.LastModifiedUtc),
            report.Threshold ?? options.SuppressionThreshold,
            new Filters(filter.Year, filter.Programme, filter.Funding?.Code()),
            report.RecordedBatches,
            [.. report.Tables.Select(t => new Table(
                t.Key, t.Title, t.LabelHeader, t.Chart, links.Absolute(links.StatisticsCsv(filter, t.Key)), t.Note,
                [.. t.Columns.Select(c => new Column(c.Key, c.Title, KindName(c.Kind), c.Kind == ColumnKind.Series))],
                [.. t.Rows.Select(ToRow)],
                t.Total is { } total ? ToRow(total) : null))]);
        return JsonSerializer.SerializeToUtf8Bytes(document, Options);
    }

    private static Row ToRow(PublishedRow row) => new(row.Label, row.Recorded, [.. row.Cells.Select(c => new Cell(c.Value, c.Suppressed, ReasonName(c.Suppression)))]);

    private static string? ReasonName(Suppression suppression) => suppression switch
    {
        Suppression.Small => "small",
        Suppression.Complementary => "complementary",
        Suppression.Rate => "rate",
        _ => null,
    };

    private static string KindName(ColumnKind kind) => kind switch
    {
        ColumnKind.Series => "count",
        ColumnKind.Count => "count",
        _ => "percent",
    };
}
