using Microsoft.Net.Http.Headers;

namespace Portal.Statistics;

/// <summary>
/// The downloads a data portal (Satu Data Indonesia) can harvest, at stable addresses: the whole
/// page as JSON per year, each table as CSV, and the JSON's schema. The same filter parameters as
/// the page. Last-Modified is the newest change in the data; If-Modified-Since is answered 304.
/// A year or programme that does not exist answers 404 and a filter that cannot be read 400, both
/// as the Indonesian error page (status-code pages), never 500.
/// </summary>
public static class StatisticsEndpoints
{
    public const string SchemaPath = "/statistik/data/skema.json";
    public const string JsonRouteName = "statistik-json";
    public const string CsvRouteName = "statistik-csv";
    public const string SchemaRouteName = "statistik-skema";

    public static IEndpointRouteBuilder MapStatistics(this IEndpointRouteBuilder app)
    {
        app.MapGet(SchemaPath, () => Results.Text(StatisticsSchema.Json, "application/schema+json; charset=utf-8")).WithName(SchemaRouteName);
        app.MapGet("/statistik/data/{" + StatisticsFilter.YearKey + ":int}.json", JsonAsync).WithName(JsonRouteName);
        app.MapGet("/statistik/data/{" + StatisticsFilter.YearKey + ":int}/{tabel}.csv", CsvAsync).WithName(CsvRouteName);
        return app;
    }

    private static async Task<IResult> JsonAsync(
        int tahun, string? program, string? dana, HttpContext context, TrainingStatistics statistics, SiteLinks links, IOptions<StatisticsOptions> options)
    {
        var (report, refusal) = await LoadAsync(tahun, program, dana, statistics, context.RequestAborted);
        if (report is null)
        {
            return refusal!;
        }

        return NotModified(context, report)
            ?? Results.Bytes(StatisticsJson.Write(report, options.Value, links), "application/json; charset=utf-8");
    }

    private static async Task<IResult> CsvAsync(
        int tahun, string tabel, string? program, string? dana, HttpContext context, TrainingStatistics statistics, IOptions<StatisticsOptions> options)
    {
        var (report, refusal) = await LoadAsync(tahun, program, dana, statistics, context.RequestAborted);
        if (report is null)
        {
            return refusal!;
        }

        if (report.Table(tabel) is not { } table)
        {
            return Results.NotFound();
        }

        return NotModified(context, report)
            ?? Results.File(StatisticsCsv.Write(table, options.Value.SuppressionThreshold), "text/csv; charset=utf-8", $"statistik-pelatihan-{tahun}-{table.Key}.csv");
    }

    private static async Task<(StatisticsReport? Report, IResult? Refusal)> LoadAsync(
        int year, string? programme, string? funding, TrainingStatistics statistics, CancellationToken cancellationToken)
    {
        if (!StatisticsFilter.TryParseFunding(funding, out var source))
        {
            return (null, Results.BadRequest());
        }

        var filter = new StatisticsFilter(year, string.IsNullOrWhiteSpace(programme) ? null : programme.Trim(), source);
        var report = await statistics.ReportAsync(filter, suppressed: true, cancellationToken);
        return report is null ? (null, Results.NotFound()) : (report, null);
    }

    /// <summary>
    /// Sets Last-Modified, the ETag and "no-cache" (store, but ask again: the answer is cheap to
    /// check and changes with every application), and answers 304 when the client already holds
    /// this state: by its ETag when it sends one, else by the date.
    /// </summary>
    private static IResult? NotModified(HttpContext context, StatisticsReport report)
    {
        var response = context.Response.GetTypedHeaders();
        response.LastModified = report.LastModifiedUtc;
        response.ETag = EntityTagHeaderValue.Parse(report.ETag);
        response.CacheControl = new CacheControlHeaderValue { Public = true, NoCache = true };
        var request = context.Request.GetTypedHeaders();
        var fresh = request.IfNoneMatch.Count > 0
            ? request.IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(response.ETag, useStrongComparison: false))
            : request.IfModifiedSince is { } since && report.LastModifiedUtc <= since.UtcDateTime;
        return fresh ? Results.StatusCode(StatusCodes.Status304NotModified) : null;
    }
}
