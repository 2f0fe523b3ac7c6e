using Portal.News;

namespace Portal.Content;

/// <summary>
/// News files into articles, keyed by the file's slug. One per import: it holds what the import
/// reads once (the programmes an article may name, every article's hash, the slug redirects), so
/// that an unchanged file costs no query.
/// </summary>
public sealed class ArticleImportTarget : IImportTarget<ParsedArticle, Article>
{
    private readonly PortalDbContext _db;
    private readonly Dictionary<string, int> _programmeIds;
    private readonly Dictionary<string, string> _currentSlugs;
    private Dictionary<string, Topic> _topics = [];

    private ArticleImportTarget(
        PortalDbContext db, Dictionary<string, int> programmeIds, Dictionary<string, StoredContent> stored, Dictionary<string, string> currentSlugs)
    {
        _db = db;
        _programmeIds = programmeIds;
        _currentSlugs = currentSlugs;
        Stored = stored;
        Programmes = programmeIds.Keys.ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, StoredContent> Stored { get; }

    /// <summary>The slugs of the programmes in the database, which an article may name.</summary>
    public IReadOnlySet<string> Programmes { get; }

    /// <summary>Read after the programmes are imported, so that an article may name a programme imported just now.</summary>
    public static async Task<ArticleImportTarget> LoadAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var programmeIds = await db.Programmes.Select(p => new { p.Slug, p.Id }).ToDictionaryAsync(p => p.Slug, p => p.Id, cancellationToken);
        var stored = await db.Articles
            .Select(a => new StoredContent(a.Slug, a.ContentHash, a.Origin))
            .ToDictionaryAsync(a => a.Slug, cancellationToken);
        // An article whose slug staff changed in the portal is still the file's article (and of origin
        // Portal): the file's slug finds it through the redirect left behind.
        var moved = await db.ArticleSlugRedirects.Select(r => new { r.OldSlug, r.Article!.Slug })
            .ToListAsync(cancellationToken);
        var currentSlugs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var redirect in moved.Where(r => !stored.ContainsKey(r.OldSlug) && stored.ContainsKey(r.Slug)))
        {
            currentSlugs[redirect.OldSlug] = redirect.Slug;
            stored[redirect.OldSlug] = stored[redirect.Slug];
        }

        return new ArticleImportTarget(db, programmeIds, stored, currentSlugs);
    }

    public async Task<Dictionary<string, Article>> TrackAsync(IReadOnlyList<string> slugs, CancellationToken cancellationToken)
    {
        // Topics are shared by every chunk; after the tracker is cleared they are tracked again
        // (read anew, so that a topic of a refused save is not taken for a stored one).
        _topics = await _db.Topics.ToDictionaryAsync(t => t.Slug, cancellationToken);
        if (slugs.Count == 0)
        {
            // A chunk of new files (the whole first start) needs no query.
            return [];
        }

        var current = slugs.Select(CurrentSlug).ToList();
        var articles = await _db.Articles.Include(a => a.Topics).Where(a => current.Contains(a.Slug)).ToDictionaryAsync(a => a.Slug, cancellationToken);
        return slugs.Where(s => articles.ContainsKey(CurrentSlug(s))).ToDictionary(s => s, s => articles[CurrentSlug(s)]);
    }

    public void Write(ParsedArticle file, RenderedMarkdown body, Article? stored)
    {
        var article = stored ?? _db.Articles.Add(new Article { Slug = file.Slug, Title = file.Title, Summary = file.Summary }).Entity;
        article.Title = file.Title;
        article.Summary = file.Summary;
        article.SetBody(file.Body, body);
        article.PublishedAtUtc = file.PublishedAtUtc;
        article.Status = ArticleStatus.Published;
        article.Author = file.Author ?? Article.DefaultAuthor;
        article.CoverImagePath = file.Cover;
        article.CoverImageAlt = file.CoverAlt;
        article.ProgrammeId = file.Programme is null ? null : _programmeIds[file.Programme];
        article.Origin = ContentOrigin.ContentFile;
        article.ContentHash = file.Hash;
        article.UpdatedAtUtc = file.UpdatedAtUtc;
        // A staff member with the article open must not save over what the import just wrote.
        article.Version++;

        article.Topics.Clear();
        foreach (var name in file.Tags)
        {
            var slug = Slugs.FromText(name);
            if (!_topics.TryGetValue(slug, out var topic))
            {
                topic = new Topic { Slug = slug, Name = name };
                _topics[slug] = topic;
            }

            article.Topics.Add(topic);
        }
    }

    private string CurrentSlug(string fileSlug) => _currentSlugs.GetValueOrDefault(fileSlug, fileSlug);
}
