using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Shared;

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
