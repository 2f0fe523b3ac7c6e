using Portal.Caching;

namespace Portal.News;

[CachedPage(TopicParameter, ProgrammeParameter, Pager.Parameter)]
public class IndexModel(NewsQueries news, PortalDbContext db) : PageModel
{
    public const int PageSize = 10;
    public const string TopicParameter = "topik";
    public const string ProgrammeParameter = "program";

    [FromQuery(Name = TopicParameter)]
    public string? TopicSlug { get; set; }

    [FromQuery(Name = ProgrammeParameter)]
    public string? ProgrammeSlug { get; set; }

    [FromQuery(Name = Pager.Parameter)]
    public string? PageText { get; set; }

    public List<ArticleSummary> Articles { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public string? TopicName { get; private set; }

    public string? ProgrammeTitle { get; private set; }

    public List<(string Slug, string Name)> Topics { get; private set; } = [];

    public List<(string Slug, string Title)> Programmes { get; private set; } = [];

    public bool HasFilter => !string.IsNullOrEmpty(TopicSlug) || !string.IsNullOrEmpty(ProgrammeSlug);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var published = news.Published();
        Topics = await news.TopicsInUseAsync(cancellationToken);
        var programmes = await db.Programmes.AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.Title)
            .Select(p => new { p.Id, p.Slug, p.Title }).ToListAsync(cancellationToken);
        Programmes = programmes.Select(p => (p.Slug, p.Title)).ToList();

        if (!string.IsNullOrEmpty(TopicSlug))
        {
            TopicName = Topics.FirstOrDefault(t => t.Slug == TopicSlug).Name;
            published = news.WithTopic(published, TopicSlug);
        }

        if (!string.IsNullOrEmpty(ProgrammeSlug))
        {
            // By id, so the list walks the (ProgrammeId, Status, PublishedAtUtc) index alone.
            var programme = programmes.FirstOrDefault(p => p.Slug == ProgrammeSlug);
            ProgrammeTitle = programme?.Title;
            var programmeId = programme?.Id ?? 0;
            published = published.Where(a => a.ProgrammeId == programmeId);
        }

        var total = await published.CountAsync(cancellationToken);
        Pager = new Pager(Pager.ParsePage(PageText), PageSize, total, page => Url.Page("/News/Index", Filter(TopicSlug, ProgrammeSlug, page))!);
        Articles = await NewsQueries.NewestFirstPageAsync(published, total, Pager.Skip, PageSize, cancellationToken);
    }

    /// <summary>The query of a list address: a topic, a programme, a page after the first.</summary>
    public static RouteValueDictionary Filter(string? topic, string? programme, int page = 1) => new()
    {
        [TopicParameter] = topic,
        [ProgrammeParameter] = programme,
        [Pager.Parameter] = page > 1 ? page : null,
    };
}
