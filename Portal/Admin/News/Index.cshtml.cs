using Portal.News;

namespace Portal.Admin.News;

/// <summary>/admin/berita: every article whatever its state, filtered by state and searched by title.</summary>
public class IndexModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;
    public const string StatusParameter = "status";
    public const string QueryParameter = "q";

    public sealed record Row(int Id, string Slug, string Title, ArticleState State, DateTime PublishedAtUtc, DateTime UpdatedAtUtc, string? UpdatedBy);

    [FromQuery(Name = StatusParameter)]
    public string? StatusKey { get; set; }

    [FromQuery(Name = QueryParameter)]
    public string? Query { get; set; }

    [FromQuery(Name = Pager.Parameter)]
    public string? PageText { get; set; }

    public ArticleState? State { get; private set; }

    public Dictionary<ArticleState, int> Counts { get; private set; } = [];

    public List<Row> Articles { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = Wib.UtcNow(clock);
        State = ArticleStateText.Parse(StatusKey);
        var counts = await db.Articles.GroupBy(a => new { a.Status, Future = a.PublishedAtUtc > now })
            .Select(g => new { g.Key.Status, g.Key.Future, Count = g.Count() })
            .ToListAsync(cancellationToken);
        Counts = Enum.GetValues<ArticleState>().ToDictionary(s => s, s => counts
            .Where(c => Article.StateOf(c.Status, c.Future ? DateTime.MaxValue : DateTime.MinValue, now) == s)
            .Sum(c => c.Count));

        var articles = db.Articles.AsNoTracking();
        articles = State switch
        {
            ArticleState.Draft => articles.Where(a => a.Status == ArticleStatus.Draft),
            ArticleState.Scheduled => articles.Where(Article.ScheduledAt(now)),
            ArticleState.Published => articles.Where(Article.PublicAt(now)),
            ArticleState.Archived => articles.Where(a => a.Status == ArticleStatus.Archived),
            _ => articles,
        };

        if (!string.IsNullOrWhiteSpace(Query))
        {
            var pattern = SearchText.ContainsPattern(Query);
            articles = articles.Where(a => EF.Functions.Like(a.Title.ToLower(), pattern, SearchText.LikeEscape)
                || EF.Functions.Like(a.Summary.ToLower(), pattern, SearchText.LikeEscape)
                || EF.Functions.Like(a.Slug, pattern, SearchText.LikeEscape));
        }

        var total = await articles.CountAsync(cancellationToken);
        Pager = new Pager(Pager.ParsePage(PageText), PageSize, total, Link);
        var rows = await articles.OrderByDescending(a => a.UpdatedAtUtc).ThenByDescending(a => a.Id)
            .Skip(Pager.Skip).Take(PageSize)
            .Select(a => new { a.Id, a.Slug, a.Title, a.Status, a.PublishedAtUtc, a.UpdatedAtUtc, a.UpdatedBy })
            .ToListAsync(cancellationToken);
        Articles = rows.Select(a => new Row(a.Id, a.Slug, a.Title,
            Article.StateOf(a.Status, a.PublishedAtUtc, now),
            a.PublishedAtUtc, a.UpdatedAtUtc, a.UpdatedBy)).ToList();
    }

    public string Link(int page) => Link(StatusKey, Query, page);

    public string Link(string? status, string? query, int page = 1) =>
        Url.Page("/Admin/News/Index", new RouteValueDictionary
        {
            [StatusParameter] = status,
            [QueryParameter] = string.IsNullOrWhiteSpace(query) ? null : query,
            [Pager.Parameter] = page > 1 ? page : null,
        })!;
}
