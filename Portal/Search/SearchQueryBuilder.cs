using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Portal.Search;

/// <summary>
/// A search in two parts: <paramref name="Words"/> decides what matches and scores it;
/// <paramref name="Together"/>, when several words were typed, adds to the score of the best
/// matches where the words stand together (see <see cref="SiteSearch"/>, which applies it to the
/// top results only: a proximity query over every match of common words measured at 40 ms).
/// </summary>
public sealed record SearchQuery(Query Words, Query? Together);

/// <summary>How strictly the words of a query must match; each step is tried when the one before finds little.</summary>
public enum SearchMatch
{
    /// <summary>Every word, phrase and prefix must match, in any of its affixed forms.</summary>
    AllWords,

    /// <summary>Every word, but a word may also match words one or two typos away ("barsita" → barista).</summary>
    SimilarWords,

    /// <summary>Most of the words, typos allowed.</summary>
    MostWords,
}

/// <summary>
/// Turns parsed input into Lucene queries. Ranking, kept simple enough to explain:
/// <list type="bullet">
/// <item>each word matches the stemmed and the exact fields of title and body; the best field
/// counts (a title match is boosted over a body match, an exact form over a sibling form);</item>
/// <item>several plain words also score as a phrase among the best matches, so the words together
/// beat the words apart;</item>
/// <item>news gets a small recency boost (<see cref="RecencyBoostQuery"/>).</item>
/// </list>
/// Expansions are capped: a prefix takes its most frequent <see cref="MaxPrefixTerms"/> words, a
/// typo-tolerant word at most <see cref="MaxFuzzyTerms"/> words.
/// </summary>
public static class SearchQueryBuilder
{
    /// <summary>
    /// Words a prefix expands to, the most frequent first. A short prefix of a common affix
    /// ("peng*") starts thousands of words; scoring 30 of them over 100,000 articles took 40 ms,
    /// and a dozen forms of what someone began to type is plenty to find it.
    /// </summary>
    public const int MaxPrefixTerms = 12;

    public const int MaxFuzzyTerms = 20;

    private const float TitleBoost = 3f;

    private const float ExactBoost = 1.5f;

    private const float PhraseBoost = 2f;

    private const float FuzzyBoost = 0.5f;

    /// <summary>The words "words together" scores may be apart by in the body.</summary>
    private const int PhraseSlop = 2;

    /// <summary>
    /// The query for the input, or null when nothing in it is searchable (stop words only,
    /// punctuation). Past <see cref="SearchMatch.AllWords"/>, unknown words also match their
    /// <paramref name="similar"/> words.
    /// </summary>
    public static SearchQuery? Build(SearchInput input, SearchMatch match, IndexReader reader, SimilarWords? similar = null)
    {
        var clauses = new List<Query>();
        var plainWords = new List<string>();
        foreach (var term in input.Terms)
        {
            var clause = term.Kind switch
            {
                SearchTermKind.Prefix => Prefix(term.Text, reader),
                SearchTermKind.Phrase => Phrase(term.Text),
                _ => Word(term.Text, match != SearchMatch.AllWords ? similar : null, plainWords),
            };
            if (clause is not null)
            {
                clauses.Add(clause);
            }
        }

        if (clauses.Count == 0)
        {
            return null;
        }

        var query = new BooleanQuery();
        foreach (var clause in clauses)
        {
            query.Add(clause, match == SearchMatch.MostWords ? Occur.SHOULD : Occur.MUST);
        }

        if (match == SearchMatch.MostWords)
        {
            query.MinimumNumberShouldMatch = Math.Max(1, (clauses.Count + 1) / 2);
        }

        return new SearchQuery(query, plainWords.Count > 1 ? PhraseOf(plainWords, PhraseBoost) : null);
    }

    /// <summary>
    /// The terms to mark in a stored field, in that field's own (stemmed) terms: the highlighter
    /// re-analyzes the stored text and marks tokens matching these, affixed forms included.
    /// Prefix terms rewrite to a capped list of words, once per search; a typo marks the stems of
    /// its similar words.
    /// </summary>
    public static Query? Highlight(SearchInput input, string field, SimilarWords? similar)
    {
        var query = new BooleanQuery();
        foreach (var term in input.Terms)
        {
            if (term.Kind == SearchTermKind.Prefix)
            {
                foreach (var prefix in SearchAnalyzers.Terms(SearchAnalyzers.ExactQuery, field, term.Text).Take(1))
                {
                    query.Add(new PrefixQuery(new Term(field, prefix)) { MultiTermRewriteMethod = new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(MaxPrefixTerms) }, Occur.SHOULD);
                }

                continue;
            }

            foreach (var stem in SearchAnalyzers.Terms(SearchAnalyzers.StemmedQuery, field, term.Text))
            {
                query.Add(new TermQuery(new Term(field, stem)), Occur.SHOULD);
            }

            if (similar is not null && term.Kind == SearchTermKind.Word)
            {
                foreach (var word in SearchAnalyzers.Terms(SearchAnalyzers.ExactQuery, field, term.Text).SelectMany(similar.Of))
                {
                    foreach (var stem in SearchAnalyzers.Terms(SearchAnalyzers.StemmedQuery, field, word.Word))
                    {
                        query.Add(new TermQuery(new Term(field, stem)), Occur.SHOULD);
                    }
                }
            }
        }

        return query.Clauses.Count == 0 ? null : query;
    }

    /// <summary>
    /// One word: stemmed and exact, title and body; the best one counts. Given similar words, an
    /// unknown word also matches the words a typo away.
    /// </summary>
    private static Query? Word(string text, SimilarWords? similar, List<string> plainWords)
    {
        var exact = SearchAnalyzers.Terms(SearchAnalyzers.ExactQuery, SearchSchema.BodyExact, text);
        if (exact.Count == 0)
        {
            return null;
        }

        if (exact.Count > 1)
        {
            // "AK-1" or "e-mail": one typed word that is several words to the index.
            return Phrase(text);
        }

        plainWords.Add(exact[0]);
        var best = new DisjunctionMaxQuery(0.1f);
        foreach (var stem in SearchAnalyzers.Terms(SearchAnalyzers.StemmedQuery, SearchSchema.Body, text).Take(1))
        {
            best.Add(Boosted(new TermQuery(new Term(SearchSchema.Title, stem)), TitleBoost));
            best.Add(new TermQuery(new Term(SearchSchema.Body, stem)));
        }

        best.Add(Boosted(new TermQuery(new Term(SearchSchema.TitleExact, exact[0])), TitleBoost * ExactBoost));
        best.Add(Boosted(new TermQuery(new Term(SearchSchema.BodyExact, exact[0])), ExactBoost));
        if (similar?.Of(exact[0]) is { Count: > 0 } words)
        {
            best.Add(Boosted(AnyOf(SearchSchema.TitleExact, words), TitleBoost * FuzzyBoost));
            best.Add(Boosted(AnyOf(SearchSchema.BodyExact, words), FuzzyBoost));
        }

        return best;
    }

    /// <summary>Quoted words, in order, on the exact fields.</summary>
    private static Query? Phrase(string text)
    {
        var words = SearchAnalyzers.Terms(SearchAnalyzers.ExactQuery, SearchSchema.BodyExact, text);
        return words.Count switch
        {
            0 => null,
            1 => Word(words[0], similar: null, []),
            _ => PhraseOf(Positions(text), 1f, slop: 0),
        };
    }

    private static DisjunctionMaxQuery? PhraseOf(List<string> words, float boost) =>
        PhraseOf(words.Select((word, position) => (word, position)).ToList(), boost, PhraseSlop);

    private static DisjunctionMaxQuery? PhraseOf(List<(string Word, int Position)> words, float boost, int slop)
    {
        if (words.Count < 2)
        {
            return null;
        }

        var title = new PhraseQuery { Slop = slop, Boost = boost * TitleBoost * ExactBoost };
        var body = new PhraseQuery { Slop = slop, Boost = boost * ExactBoost };
        foreach (var (word, position) in words)
        {
            title.Add(new Term(SearchSchema.TitleExact, word), position);
            body.Add(new Term(SearchSchema.BodyExact, word), position);
        }

        return new DisjunctionMaxQuery(0.1f) { title, body };
    }

    /// <summary>The most frequent words that start with the prefix, in title and body.</summary>
    private static Query? Prefix(string text, IndexReader reader)
    {
        var prefix = SearchAnalyzers.Terms(SearchAnalyzers.ExactQuery, SearchSchema.BodyExact, text);
        if (prefix.Count != 1 || prefix[0].Length < SearchInput.MinPrefixLength)
        {
            return prefix.Count == 0 ? null : Word(text, similar: null, []);
        }

        var best = new DisjunctionMaxQuery(0.1f);
        foreach (var (field, boost) in new[] { (SearchSchema.TitleExact, TitleBoost), (SearchSchema.BodyExact, 1f) })
        {
            var words = new BooleanQuery();
            foreach (var word in MostFrequentWithPrefix(reader, field, prefix[0]))
            {
                words.Add(new TermQuery(new Term(field, word)), Occur.SHOULD);
            }

            if (words.Clauses.Count > 0)
            {
                best.Add(Boosted(words, boost));
            }
        }

        // No word starts with it: a query that matches nothing, so "all words" finds nothing.
        return best.Disjuncts.Count > 0 ? best : new TermQuery(new Term(SearchSchema.BodyExact, prefix[0]));
    }

    private static List<string> MostFrequentWithPrefix(IndexReader reader, string field, string prefix)
    {
        var terms = MultiFields.GetTerms(reader, field);
        if (terms is null)
        {
            return [];
        }

        var start = new BytesRef(prefix);
        var enumerator = terms.GetEnumerator();
        if (enumerator.SeekCeil(start) == TermsEnum.SeekStatus.END)
        {
            return [];
        }

        var found = new PriorityQueue<string, int>();
        do
        {
            var term = enumerator.Term;
            if (!StringHelper.StartsWith(term, start))
            {
                break;
            }

            found.Enqueue(term.Utf8ToString(), enumerator.DocFreq);
            if (found.Count > MaxPrefixTerms)
            {
                found.Dequeue();
            }
        }
        while (enumerator.MoveNext());

        var words = new List<string>(found.Count);
        while (found.Count > 0)
        {
            words.Add(found.Dequeue());
        }

        return words;
    }

    /// <summary>Words typed with positions, so a stop word inside a phrase leaves its gap.</summary>
    private static List<(string Word, int Position)> Positions(string text)
    {
        var words = new List<(string, int)>();
        using var stream = SearchAnalyzers.ExactQuery.GetTokenStream(SearchSchema.BodyExact, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            words.Add((term.ToString(), position));
        }

        stream.End();
        return words;
    }

    /// <summary>Any of the similar words, the closer ones scoring more (as a fuzzy query scores them).</summary>
    private static BooleanQuery AnyOf(string field, IReadOnlyList<SimilarWord> words)
    {
        var query = new BooleanQuery(disableCoord: true);
        foreach (var word in words)
        {
            query.Add(new TermQuery(new Term(field, word.Word)) { Boost = word.Similarity }, Occur.SHOULD);
        }

        return query;
    }

    private static Query Boosted(Query query, float boost)
    {
        query.Boost = boost;
        return query;
    }
}
