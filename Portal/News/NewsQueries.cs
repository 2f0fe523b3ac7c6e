namespace Portal.News;

/// <summary>An article as lists, cards and feeds show it (no body).</summary>
public sealed record ArticleSummary(int Id, string Slug, string Title, string Summary, DateTime PublishedAtUtc, DateTime UpdatedAtUtc);

/// <summary>Reads of published news shared by the home page, the news list, the feed and the sitemap.</summary>
public sealed class NewsQueries(PortalDbContext db, TimeProvider clock)
{
    public IQueryable<Article> Published() => db.Articles.AsNoTracking().Where(Article.PublicAt(Wib.UtcNow(clock)));

    public Task<List<ArticleSummary>> LatestAsync(int count, CancellationToken cancellationToken) =>
        ToSummaries(Published().OrderByDescending(a => a.PublishedAtUtc).ThenByDescending(a => a.Id).Take(count))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// One page of <paramref name="published"/>, newest first, for lists addressed by page number
    /// (?halaman=, the addresses people share). OFFSET walks the (Status, PublishedAtUtc, Id…)
    /// index entry by entry, so a page past the middle is read from the oldest end instead and
    /// turned round: the last page of 100,000 articles costs what the first does, the middle one
    /// the most (half the walk).
    /// </summary>
    public static async Task<List<ArticleSummary>> NewestFirstPageAsync(
        IQueryable<Article> published, int total, int skip, int take, CancellationToken cancellationToken)
    {
        if (skip >= total)
        {
            return [];
        }

        if (skip <= total / 2)
        {
            return await ToSummaries(published.OrderByDescending(a => a.PublishedAtUtc).ThenByDescending(a => a.Id).Skip(skip).Take(take))
                .ToListAsync(cancellationToken);
        }

        var count = Math.Min(take, total - skip);
        var page = await ToSummaries(published.OrderBy(a => a.PublishedAtUtc).ThenBy(a => a.Id).Skip(total - skip - count).Take(count))
            .ToListAsync(cancellationToken);
        page.Reverse();
        return page;
    }

    /// <summary>
    /// Articles with the topic, as "id in the topic's ids" read from the join table's
    /// (TopicsId, ArticlesId) index once, rather than a join-table lookup for every article the
    /// list walks past.
    /// </summary>
    public IQueryable<Article> WithTopic(IQueryable<Article> articles, string topicSlug)
    {
        var ids = db.Set<Dictionary<string, object>>(PortalDbContext.ArticleTopicsTable)
            .Join(db.Topics.Where(t => t.Slug == topicSlug), j => EF.Property<int>(j, "TopicsId"), t => t.Id, (j, _) => EF.Property<int>(j, "ArticlesId"));
        return articles.Where(a => ids.Contains(a.Id));
    }

    public static IQueryable<ArticleSummary> ToSummaries(IQueryable<Article> articles) =>
        articles.Select(a => new ArticleSummary(a.Id, a.Slug, a.Title, a.Summary, a.PublishedAtUtc, a.UpdatedAtUtc));

    /// <summary>The current slug of the published article that was once published as <paramref name="oldSlug"/>.</summary>
    public Task<string?> MovedToAsync(string oldSlug, CancellationToken cancellationToken) =>
        Published()
            .Where(a => db.ArticleSlugRedirects.Any(r => r.OldSlug == oldSlug && r.ArticleId == a.Id))
            .Select(a => a.Slug)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Topics with at least one published article, by name.</summary>
    public async Task<List<(string Slug, string Name)>> TopicsInUseAsync(CancellationToken cancellationToken)
    {
        var now = Wib.UtcNow(clock);
        var topics = await db.Topics.AsNoTracking()
            .Where(t => t.Articles.AsQueryable().Any(Article.PublicAt(now)))
            .OrderBy(t => t.Name)
            .Select(t => new { t.Slug, t.Name })
            .ToListAsync(cancellationToken);
        return topics.Select(t => (t.Slug, t.Name)).ToList();
    }

    /// <summary>Newest published articles sharing a topic or the programme, the article itself excluded.</summary>
    public Task<List<ArticleSummary>> RelatedAsync(Article article, int count, CancellationToken cancellationToken)
    {
        var topicIds = article.Topics.Select(t => t.Id).ToList();
        var programmeId = article.ProgrammeId;
        return ToSummaries(Published()
                .Where(a => a.Id != article.Id)
                .Where(a => a.Topics.Any(t => topicIds.Contains(t.Id)) || (programmeId != null && a.ProgrammeId == programmeId))
                .OrderByDescending(a => a.PublishedAtUtc)
                .Take(count))
            .ToListAsync(cancellationToken);
    }
}
