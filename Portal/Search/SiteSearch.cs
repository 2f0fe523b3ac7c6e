using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Portal.Search;

/// <summary>
/// Runs a search the way the /cari page needs it: the strictest match that finds enough, only
/// what is public now, facets with counts, one page of hits with highlighted snippets. A
/// singleton: it holds no state of its own and reads through <see cref="SearchIndex"/>.
/// </summary>
public sealed class SiteSearch(SearchIndex index, TimeProvider clock, IOptions<SearchOptions> options)
{
    /// <summary>Fewer matches than this, and a looser match is tried.</summary>
    public const int FewResults = 3;

    /// <summary>Deepest result reachable by paging; nobody reads further, and it bounds the work.</summary>
    public const int MaxResults = 500;

    /// <summary>A snippet's length, whether cut from the summary or from the highlighter's fragments.</summary>
    internal const int SnippetLength = 180;

    private static readonly ConditionalWeakTable<IndexReader, ConcurrentDictionary<string, string>> ProgrammeTitles = [];

    public int PageSize => options.Value.PageSize;

    public SearchResults Search(SearchRequest request)
    {
        var input = SearchInput.Parse(request.Query);
        if (input.IsEmpty)
        {
            return new SearchResults { Input = input, Status = SearchStatus.NoQuery };
        }

        var nowUtc = Wib.UtcNow(clock);
        var results = index.Read(searcher => Run(searcher, input, request, nowUtc));
        return results ?? new SearchResults { Input = input, Status = SearchStatus.NotReady };
    }

    private SearchResults Run(IndexSearcher searcher, SearchInput input, SearchRequest request, DateTime nowUtc)
    {
        var page = Math.Max(1, request.Page);
        var wanted = Math.Min(page * PageSize, MaxResults);

        Found? found = null;
        SimilarWords? similar = null;
        foreach (var match in new[] { SearchMatch.AllWords, SearchMatch.SimilarWords, SearchMatch.MostWords })
        {
            // Looked up only when the plain words found little, and once for the steps after.
            similar ??= match == SearchMatch.AllWords ? null : SimilarWords.Find(input, searcher.IndexReader);

            // Steps that could not find anything new are skipped: no unknown word with a similar
            // word to try, or a single term (where "most words" is "all words").
            if ((match == SearchMatch.SimilarWords && similar!.IsEmpty)
                || (match == SearchMatch.MostWords && input.Terms.Count == 1))
            {
                continue;
            }

            var query = SearchQueryBuilder.Build(input, match, searcher.IndexReader, similar);
            if (query is null)
            {
                return new SearchResults { Input = input, Status = SearchStatus.NoQuery };
            }

            var attempt = Collect(searcher, query, nowUtc, request, wanted, match);
            // A looser match replaces a stricter one only when it finds more.
            if (found is null || attempt.Facets.TotalMatching > found.Facets.TotalMatching)
            {
                found = attempt;
            }

            if (found.Facets.TotalMatching >= FewResults)
            {
                break;
            }
        }

        var marked = found!.Match != SearchMatch.AllWords ? similar : null;
        var titleMarks = SearchMarks.For(searcher, input, SearchSchema.Title, marked, fragment: false);
        var bodyMarks = SearchMarks.For(searcher, input, SearchSchema.Body, marked, fragment: true);
        var hits = found.Top.ScoreDocs.Skip((page - 1) * PageSize).Take(PageSize)
            .Select(hit => ToHit(searcher, hit.Doc, titleMarks, bodyMarks))
            .ToList();

        return new SearchResults
        {
            Input = input,
            Status = SearchStatus.Done,
            Match = found.Match,
            Total = found.Facets.TotalMatching,
            Hits = hits,
            Kinds = [.. Enum.GetValues<SearchKind>()
                .Select(kind => new FacetValue(kind.Code(), kind.Label(), found.Facets.Kinds.GetValueOrDefault(kind.Code())))
                .Where(f => f.Count > 0 || f.Value == request.Filters.Kind)],
            Programmes = [.. found.Facets.Programmes
                .Select(p => new FacetValue(p.Key, ProgrammeTitle(searcher, p.Key), p.Value))
                .OrderByDescending(f => f.Count).ThenBy(f => f.Label, StringComparer.Ordinal)],
            Years = [.. found.Facets.Years
                .Select(y => new FacetValue(y.Key, y.Key, y.Value))
                .OrderByDescending(f => f.Value, StringComparer.Ordinal)],
        };
    }

    /// <summary>
    /// Only what is public now: leaves out articles published after now (scheduled). Written as
    /// "not after now" rather than "up to now" because the few scheduled articles make a tiny
    /// range to exclude, while "up to now" would gather nearly every document's date term on
    /// every query. Programmes and batches carry 0 and always pass.
    /// </summary>
    public static Query PublicAt(Query query, DateTime nowUtc) => new BooleanQuery
    {
        { query, Occur.MUST },
        { NumericRangeQuery.NewInt64Range(SearchSchema.Published, SearchSchema.PublishedPrecisionStep, nowUtc.Ticks + 1, null, true, true), Occur.MUST_NOT },
    };

    /// <summary>
    /// The best <paramref name="count"/> public matches by relevance, as the page ranks them: by
    /// the words (with the recency boost), the best <see cref="MaxResults"/> of them then
    /// re-scored by whether the words stand together.
    /// </summary>
    public static TopDocs Ranked(IndexSearcher searcher, SearchQuery query, DateTime nowUtc, int count) =>
        query.Together is null
            ? searcher.Search(PublicMatches(query, nowUtc), count)
            : WordsTogether(searcher, searcher.Search(PublicMatches(query, nowUtc), MaxResults), query.Together, count);

    /// <summary>What the words match, public now, scored with the recency boost.</summary>
    private static Query PublicMatches(SearchQuery query, DateTime nowUtc) => PublicAt(new RecencyBoostQuery(query.Words, nowUtc), nowUtc);

    private static Found Collect(IndexSearcher searcher, SearchQuery query, DateTime nowUtc, SearchRequest request, int wanted, SearchMatch match)
    {
        // Newest first: by date, then by relevance among the same date (by the words alone).
        // By relevance with several words: the whole window that paging can reach is re-scored,
        // so every page is cut from the same order.
        var together = request.NewestFirst ? null : query.Together;
        ITopDocsCollector top = request.NewestFirst
            ? TopFieldCollector.Create(
                new Sort(new SortField(SearchSchema.SortDate, SortFieldType.INT64, reverse: true), SortField.FIELD_SCORE),
                wanted, fillFields: false, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: false)
            : TopScoreDocCollector.Create(together is null ? wanted : MaxResults, docsScoredInOrder: false);
        var facets = new FacetCollector(top, request.Filters);
        searcher.Search(PublicMatches(query, nowUtc), facets);
        facets.Finish();
        var found = top.GetTopDocs();
        return new Found(together is null ? found : WordsTogether(searcher, found, together, wanted), facets, match);
    }

    /// <summary>
    /// Adds the "words together" score to the matches that have it and halves the others, as an
    /// optional clause of a two-clause query would (Lucene's coordination factor): the words
    /// together clearly beat the same words apart. Only the top matches are re-scored, because a
    /// proximity query over every match of two common words is the costliest part of a search.
    /// (Lucene.Net's QueryRescorer would do it, but threw a NullReferenceException on the
    /// portal's index in 4.8.0-beta00017.)
    /// </summary>
    private static TopDocs WordsTogether(IndexSearcher searcher, TopDocs best, Query together, int count)
    {
        if (best.ScoreDocs.Length == 0)
        {
            return best;
        }

        // In document order, so each segment's scorer only moves forward.
        var hits = best.ScoreDocs.Select(hit => new ScoreDoc(hit.Doc, hit.Score)).OrderBy(hit => hit.Doc).ToArray();
        var weight = searcher.CreateNormalizedWeight(together);
        var leaves = searcher.IndexReader.Leaves;
        var leaf = -1;
        var segmentEnd = 0;
        Scorer? scorer = null;
        foreach (var hit in hits)
        {
            while (hit.Doc >= segmentEnd)
            {
                leaf++;
                segmentEnd = leaves[leaf].DocBase + leaves[leaf].Reader.MaxDoc;
                scorer = weight.GetScorer(leaves[leaf], leaves[leaf].AtomicReader.LiveDocs);
            }

            var target = hit.Doc - leaves[leaf].DocBase;
            var at = scorer is null ? DocIdSetIterator.NO_MORE_DOCS : scorer.DocID >= target ? scorer.DocID : scorer.Advance(target);
            hit.Score = at == target ? hit.Score + scorer!.GetScore() : hit.Score / 2;
        }

        var ranked = hits.OrderByDescending(hit => hit.Score).ThenBy(hit => hit.Doc).Take(count).ToArray();
        return new TopDocs(best.TotalHits, ranked, ranked[0].Score);
    }

    private static SearchHit ToHit(IndexSearcher searcher, int docId, SearchMarks? titleMarks, SearchMarks? bodyMarks)
    {
        var document = searcher.Doc(docId);
        var kind = SearchKindText.FromCode(document.Get(SearchSchema.Kind)) ?? SearchKind.Article;
        var title = document.Get(SearchSchema.Title) ?? string.Empty;
        var body = document.Get(SearchSchema.Body) ?? string.Empty;
        var summary = document.Get(SearchSchema.Summary) ?? string.Empty;

        var titleHtml = titleMarks?.Apply(title, 1) ?? WebUtility.HtmlEncode(title);
        var snippetHtml = bodyMarks?.Apply(body, 2) ?? WebUtility.HtmlEncode(Shorten(summary));
        var published = document.GetField(SearchSchema.Published)?.GetInt64Value() is { } ticks && ticks > 0 ? new DateTime(ticks, DateTimeKind.Utc) : (DateTime?)null;
        var hit = new SearchHit(kind, document.Get(SearchSchema.Id), document.Get(SearchSchema.Url), titleHtml, snippetHtml,
            published, document.Get(SearchSchema.ProgrammeTitle));
        if (document.GetField(SearchSchema.RegistrationOpens)?.GetInt64Value() is { } opens
            && document.GetField(SearchSchema.RegistrationCloses)?.GetInt64Value() is { } closes
            && document.GetField(SearchSchema.TrainingStarts)?.GetInt32Value() is { } starts)
        {
            hit = hit with
            {
                RegistrationOpensAtUtc = new DateTime(opens, DateTimeKind.Utc),
                RegistrationClosesAtUtc = new DateTime(closes, DateTimeKind.Utc),
                TrainingStartsOn = DateOnly.FromDayNumber(starts),
            };
        }

        return hit;
    }

    private static string Shorten(string text) =>
        text.Length <= SnippetLength ? text : string.Concat(text.AsSpan(0, text.LastIndexOf(' ', SnippetLength) is > 0 and var cut ? cut : SnippetLength), " …");

    /// <summary>Facet labels, looked up once per reader: a reader never changes, and a refresh brings a new one.</summary>
    private static string ProgrammeTitle(IndexSearcher searcher, string slug)
    {
        var titles = ProgrammeTitles.GetValue(searcher.IndexReader, _ => new ConcurrentDictionary<string, string>(StringComparer.Ordinal));
        return titles.GetOrAdd(slug, key =>
        {
            var hit = searcher.Search(new TermQuery(new Term(SearchSchema.Programme, key)), 1).ScoreDocs.FirstOrDefault();
            return hit is null ? key : searcher.Doc(hit.Doc).Get(SearchSchema.ProgrammeTitle) ?? key;
        });
    }

    private sealed record Found(TopDocs Top, FacetCollector Facets, SearchMatch Match);
}
