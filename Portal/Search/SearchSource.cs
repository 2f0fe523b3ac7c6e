using Portal.Help;
using Portal.News;
using Portal.Training;

namespace Portal.Search;

/// <summary>Reads from the database what the index should hold: everything, or what some changes touched.</summary>
/// <param name="faq">The questions of /tanya-jawab, indexed with the site pages; none for tools that index the database alone (the benchmark).</param>
public sealed class SearchSource(PortalDbContext db, MarkdownRenderer markdown, SiteLinks links, FaqContent? faq = null)
{
    private const int PageSize = 500;

    /// <summary>
    /// Every document of a full rebuild, read page by page so memory stays flat. Articles are
    /// paged by id alone, the primary key: with the status in the query, SQLite picks the status
    /// index and sorts every published article again for each page (quadratic at 100,000), so
    /// drafts are read along and skipped here. Only the columns the index uses are read: the
    /// Markdown and HTML bodies are two thirds of a row.
    /// </summary>
    public async IAsyncEnumerable<SearchDocument> AllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var page in SitePageDocuments())
        {
            yield return page;
        }

        var programmes = await db.Programmes.AsNoTracking().Include(p => p.Batches).ToListAsync(cancellationToken);
        foreach (var programme in programmes)
        {
            yield return FromProgramme(programme);
            foreach (var batch in programme.Batches)
            {
                yield return SearchDocument.FromBatch(batch, programme, links);
            }
        }

        var lastId = 0;
        while (true)
        {
            var page = await IndexedColumns(db.Articles.Where(a => a.Id > lastId).OrderBy(a => a.Id).Take(PageSize))
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }

            foreach (var article in page)
            {
                if (SearchDocument.FromArticle(article, links) is { } document)
                {
                    yield return document;
                }
            }

            lastId = page[^1].Id;
        }
    }

    /// <summary>
    /// What the index must do for some changes: the documents to write and the keys to remove.
    /// A programme's change reaches its batches and its news too (they show its title and slug);
    /// a topic's change reaches its articles. Keys the index holds but the database no longer
    /// has (deleted, or no longer published) are removed.
    /// </summary>
    public async Task<(List<SearchDocument> Upserts, List<string> Deletes)> ChangedAsync(
        IReadOnlyCollection<SearchChange> changes, Func<int, IEnumerable<string>> indexedKeysOfProgramme, CancellationToken cancellationToken)
    {
        var articleIds = Ids(changes, SearchEntity.Article);
        var programmeIds = Ids(changes, SearchEntity.Programme);
        var batchIds = Ids(changes, SearchEntity.Batch);
        var topicIds = Ids(changes, SearchEntity.Topic).ToList();

        if (programmeIds.Count > 0)
        {
            var programmeList = programmeIds.ToList();
            articleIds.UnionWith(await db.Articles.Where(a => a.ProgrammeId != null && programmeList.Contains(a.ProgrammeId.Value))
                .Select(a => a.Id).ToListAsync(cancellationToken));
            batchIds.UnionWith(await db.Batches.Where(b => programmeList.Contains(b.ProgrammeId)).Select(b => b.Id).ToListAsync(cancellationToken));
            foreach (var key in programmeList.SelectMany(indexedKeysOfProgramme))
            {
                AddKey(key, articleIds, batchIds);
            }
        }

        if (topicIds.Count > 0)
        {
            articleIds.UnionWith(await db.Articles.Where(a => a.Topics.Any(t => topicIds.Contains(t.Id))).Select(a => a.Id).ToListAsync(cancellationToken));
        }

        var upserts = new List<SearchDocument>();
        var deletes = new List<string>();

        var articleList = articleIds.ToList();
        var articles = await Articles().Where(a => articleList.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        foreach (var id in articleList)
        {
            Place(articles.TryGetValue(id, out var article) ? SearchDocument.FromArticle(article, links) : null, SearchKind.Article, id, upserts, deletes);
        }

        var programmeIdList = programmeIds.ToList();
        var programmes = await db.Programmes.AsNoTracking().Where(p => programmeIdList.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        foreach (var id in programmeIdList)
        {
            Place(programmes.TryGetValue(id, out var programme) ? FromProgramme(programme) : null, SearchKind.Programme, id, upserts, deletes);
        }

        var batchList = batchIds.ToList();
        var batches = await db.Batches.AsNoTracking().Include(b => b.Programme).Where(b => batchList.Contains(b.Id)).ToDictionaryAsync(b => b.Id, cancellationToken);
        foreach (var id in batchList)
        {
            Place(batches.TryGetValue(id, out var batch) ? SearchDocument.FromBatch(batch, batch.Programme!, links) : null, SearchKind.Batch, id, upserts, deletes);
        }

        return (upserts, deletes);
    }

    /// <summary>
    /// The fixed pages of the site (<see cref="SitePages"/>) and each question of the FAQ: no
    /// database change touches them, so every start indexes them afresh.
    /// </summary>
    public List<SearchDocument> SitePageDocuments() =>
    [
        .. SitePages.All.Select(page => SearchDocument.FromSitePage(page, links)),
        .. (faq?.Entries ?? []).Select(entry => SearchDocument.FromFaq(entry, links)),
    ];

    private IQueryable<Article> Articles() => IndexedColumns(db.Articles);

    /// <summary>The columns the index uses: never the Markdown or HTML bodies.</summary>
    private static IQueryable<Article> IndexedColumns(IQueryable<Article> articles) =>
        articles.AsNoTracking()
            .Select(a => new Article
            {
                Id = a.Id,
                Slug = a.Slug,
                Title = a.Title,
                Summary = a.Summary,
                BodyText = a.BodyText,
                Status = a.Status,
                PublishedAtUtc = a.PublishedAtUtc,
                ProgrammeId = a.ProgrammeId,
                Programme = a.Programme == null ? null : new Programme { Id = a.Programme.Id, Slug = a.Programme.Slug, Title = a.Programme.Title, Summary = a.Programme.Summary },
                Topics = a.Topics.Select(t => new Topic { Id = t.Id, Slug = t.Slug, Name = t.Name }).ToList(),
            })
            .AsSplitQuery();

    private SearchDocument FromProgramme(Programme programme) =>
        SearchDocument.FromProgramme(programme, markdown.Render(programme.DescriptionMarkdown).Rendered?.PlainText ?? string.Empty, links);

    private static HashSet<int> Ids(IEnumerable<SearchChange> changes, SearchEntity entity) =>
        changes.Where(c => c.Entity == entity).Select(c => c.EntityId).ToHashSet();

    private static void AddKey(string key, HashSet<int> articleIds, HashSet<int> batchIds)
    {
        var parts = key.Split(':');
        if (parts.Length == 2 && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            if (parts[0] == SearchKind.Article.Code())
            {
                articleIds.Add(id);
            }
            else if (parts[0] == SearchKind.Batch.Code())
            {
                batchIds.Add(id);
            }
        }
    }

    private static void Place(SearchDocument? document, SearchKind kind, int id, List<SearchDocument> upserts, List<string> deletes)
    {
        if (document is null)
        {
            deletes.Add(SearchSchema.Key(kind, id));
        }
        else
        {
            upserts.Add(document);
        }
    }
}
