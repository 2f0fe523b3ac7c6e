using Portal.News;

namespace Portal.Shared;

/// <summary>
/// Addresses outside a view: for emails, canonical links, redirects, the feed, the sitemap and the
/// search index. Paths come from the pages' own routes (LinkGenerator, no request needed), so each
/// page's @page directive is the one place its address is written. Absolute addresses use the
/// configured public address; the request's Host is used only in Development without one
/// (SiteOptionsValidator refuses that anywhere else), since a Host header is whatever the sender writes.
/// A singleton: everything it reads is one, and the background search sync needs it outside a request.
/// </summary>
public sealed class SiteLinks(IOptions<SiteOptions> options, IHttpContextAccessor http, IHostEnvironment environment, LinkGenerator links)
{
    public string BaseUrl
    {
        get
        {
            if (options.Value.PublicBaseUri is { } configured)
            {
                return configured.GetLeftPart(UriPartial.Path).TrimEnd('/');
            }

            var request = http.HttpContext?.Request;
            return request is null || !environment.IsDevelopment() ? string.Empty : $"{request.Scheme}://{request.Host}{request.PathBase}";
        }
    }

    public string Absolute(string path) =>
        Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
            ? path
            : BaseUrl + (path.StartsWith('/') ? path : "/" + path);

    /// <summary>The path of a page by its name ("/News/Article"); values its route does not take become the query, in the order given.</summary>
    public string Page(string page, object? values = null) =>
        links.GetPathByPage(page, handler: null, values) ?? throw new InvalidOperationException($"No page {page} takes these values.");

    public string Article(string slug) => Page("/News/Article", new { slug });

    public string Programme(string slug) => Page("/Training/Programme", new { slug });

    public string Apply(string programmeSlug, int batchId) => Page("/Training/Apply", new { slug = programmeSlug, id = batchId });

    /// <summary>Where a person subscribes to "Ingatkan saya" for a batch (by its stable key, not its row id).</summary>
    public string Reminder(string programmeSlug, string batchKey) => Page("/Training/Remind", new { slug = programmeSlug, key = batchKey });

    /// <summary>A batch's anchor on its programme page: batches have no page of their own.</summary>
    public string BatchOnProgramme(string programmeSlug, string batchKey) =>
        $"{Page("/Training/Programme", new RouteValueDictionary { ["slug"] = programmeSlug, [Training.ProgrammeModel.SharedBatchParameter] = batchKey })}#{Training.BatchView.AnchorOf(batchKey)}";

    /// <summary>One batch's calendar file (/agenda/barista/barista-apbd-2025-1.ics).</summary>
    public string BatchCalendar(string programmeSlug, string batchKey) =>
        links.GetPathByName(Training.AgendaEndpoints.BatchCalendarRouteName, new { slug = programmeSlug, key = batchKey })
        ?? throw new InvalidOperationException("The batch calendar route is not mapped.");

    /// <summary>The programme's link-preview card, its address changing with the card's fingerprint.</summary>
    public string ProgrammeCard(string programmeSlug, string programmeTitle) =>
        links.GetPathByName(Training.ProgrammeCards.RouteName, new { slug = programmeSlug, versi = Training.ProgrammeCards.Fingerprint(programmeTitle, options.Value.Name) })
        ?? throw new InvalidOperationException("The programme card route is not mapped.");

    /// <summary>The owner's printable proof of an application (/akun/lamaran/PLT-2026-483920).</summary>
    public string Proof(string registrationNumber) => Page("/Accounts/Proof", new { number = registrationNumber });

    /// <summary>What a proof's QR code opens: the number, batch and status, nothing personal.</summary>
    public string Verification(string registrationNumber) => Page("/Training/Verify", new { number = registrationNumber });

    /// <summary>A batch's published selection results, addressed by its stable key rather than its database id.</summary>
    public string Results(string programmeSlug, string batchKey) => Page("/Training/Results", new { slug = programmeSlug, key = batchKey });

    public string NewsList(string? topic = null, string? programme = null) => Page("/News/Index", IndexModel.Filter(topic, programme));

    /// <summary>The JSON of the statistics for a filter (/statistik/data/2025.json?program=…).</summary>
    public string StatisticsJson(Statistics.StatisticsFilter filter) => Endpoint(Statistics.StatisticsEndpoints.JsonRouteName, filter, null);

    /// <summary>One statistics table as CSV (/statistik/data/2025/kecamatan.csv?dana=APBD).</summary>
    public string StatisticsCsv(Statistics.StatisticsFilter filter, string table) => Endpoint(Statistics.StatisticsEndpoints.CsvRouteName, filter, table);

    public string StatisticsSchema() => Statistics.StatisticsEndpoints.SchemaPath;

    private string Endpoint(string name, Statistics.StatisticsFilter filter, string? table)
    {
        var values = new RouteValueDictionary { [Statistics.StatisticsFilter.YearKey] = filter.Year };
        if (table is not null)
        {
            values["tabel"] = table;
        }

        foreach (var (key, value) in filter.QueryValues())
        {
            if (value is not null)
            {
                values[key] = value;
            }
        }

        return links.GetPathByName(name, values) ?? throw new InvalidOperationException($"No endpoint {name} takes these values.");
    }
}
