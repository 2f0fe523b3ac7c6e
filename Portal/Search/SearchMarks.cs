using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;

namespace Portal.Search;

/// <summary>
/// Marks the matched words of one field with &lt;mark&gt;. The encoder HTML-encodes all the
/// stored text around them, so content can never inject markup into the results page. The
/// terms are worked out once per search (prefixes and typos expanded against the index) and
/// matched token by token, which is cheap enough for every hit of a page.
/// </summary>
internal sealed class SearchMarks
{
    private readonly Highlighter _highlighter;
    private readonly string _field;

    private SearchMarks(Query terms, string field, bool fragment)
    {
        _field = field;
        _highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new SimpleHTMLEncoder(), new QueryTermScorer(terms, field))
        {
            TextFragmenter = fragment ? new SimpleFragmenter(SiteSearch.SnippetLength) : new NullFragmenter(),
            MaxDocCharsToAnalyze = SearchSchema.StoredBodyLength,
        };
    }

    public static SearchMarks? For(IndexSearcher searcher, SearchInput input, string field, SimilarWords? similar, bool fragment) =>
        SearchQueryBuilder.Highlight(input, field, similar) is { } query ? new SearchMarks(searcher.Rewrite(query), field, fragment) : null;

    public string? Apply(string text, int fragments)
    {
        if (text.Length == 0)
        {
            return null;
        }

        // Without synonyms: a synonym's extra words carry the offsets of their neighbours,
        // which would mark the wrong words.
        using var tokens = SearchAnalyzers.StemmedQuery.GetTokenStream(_field, text);
        var best = _highlighter.GetBestFragments(tokens, text, fragments, " … ");
        return string.IsNullOrWhiteSpace(best) ? null : best.Trim();
    }
}
