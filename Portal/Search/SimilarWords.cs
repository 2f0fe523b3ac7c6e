using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Portal.Search;

/// <summary>
/// For each typed word the index does not know, the words of the index one or two typos away
/// ("barsita" → barista), looked up once per search. The typo-tolerant query, its "most words"
/// retry and the highlighter all use the same list: a fuzzy query of each would build the same
/// Levenshtein automata and walk the same term dictionaries again, which measured as the
/// costliest part of a search with a typo.
/// </summary>
public sealed class SimilarWords
{
    private static readonly string[] Fields = [SearchSchema.TitleExact, SearchSchema.BodyExact];

    private readonly Dictionary<string, IReadOnlyList<SimilarWord>> _byTyped;

    private SimilarWords(Dictionary<string, IReadOnlyList<SimilarWord>> byTyped) => _byTyped = byTyped;

    /// <summary>No typed word has a similar word in the index: a typo-tolerant search would find nothing new.</summary>
    public bool IsEmpty => _byTyped.Count == 0;

    /// <summary>The similar words of a typed word (in the exact fields' terms), best first; empty for a known word.</summary>
    public IReadOnlyList<SimilarWord> Of(string typedExact) => _byTyped.GetValueOrDefault(typedExact) ?? [];

    public static SimilarWords Find(SearchInput input, IndexReader reader)
    {
        var byTyped = new Dictionary<string, IReadOnlyList<SimilarWord>>(StringComparer.Ordinal);
        foreach (var term in input.Terms.Where(t => t.Kind == SearchTermKind.Word))
        {
            if (SearchAnalyzers.Terms(SearchAnalyzers.ExactQuery, SearchSchema.BodyExact, term.Text) is [var word]
                && !byTyped.ContainsKey(word) && IsUnknown(word, reader)
                && Lookup(word, reader) is { Count: > 0 } similar)
            {
                byTyped[word] = similar;
            }
        }

        return new SimilarWords(byTyped);
    }

    /// <summary>Short words have too many neighbours one typo away to be worth it; numbers have no typos.</summary>
    private static bool IsUnknown(string word, IndexReader reader) =>
        word.Length >= 4 && !word.All(char.IsDigit)
        && Fields.All(field => reader.DocFreq(new Term(field, word)) == 0);

    /// <summary>
    /// One typo (a swap of two neighbours counts as one) for words up to 7 letters, two beyond;
    /// the first letter is taken as typed. Two edits on short words would match too much and cost
    /// far more to look up. The closest words first, then the most common; at most
    /// <see cref="SearchQueryBuilder.MaxFuzzyTerms"/>.
    /// </summary>
    private static List<SimilarWord> Lookup(string word, IndexReader reader)
    {
        var edits = word.Length <= 7 ? 1 : 2;
        // Shared by both fields: the automata are built on the first and reused by the second.
        var automata = new AttributeSource();
        var found = new Dictionary<string, SimilarWord>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            if (MultiFields.GetTerms(reader, field) is not { } terms)
            {
                continue;
            }

            var similar = new FuzzyTermsEnum(terms, automata, new Term(field, word), edits, prefixLength: 1, transpositions: true);
            var boost = similar.Attributes.AddAttribute<IBoostAttribute>();
            while (similar.MoveNext())
            {
                var text = similar.Term.Utf8ToString();
                var documents = found.TryGetValue(text, out var seen) ? seen.Documents : 0;
                found[text] = new SimilarWord(text, boost.Boost, documents + similar.DocFreq);
            }
        }

        return [.. found.Values
            .OrderByDescending(w => w.Similarity)
            .ThenByDescending(w => w.Documents)
            .ThenBy(w => w.Word, StringComparer.Ordinal)
            .Take(SearchQueryBuilder.MaxFuzzyTerms)];
    }
}

/// <param name="Similarity">Lucene's fuzzy boost: 1 for the word itself, less the more edits it takes.</param>
/// <param name="Documents">Documents with the word, title and body counted apart (a ranking hint only).</param>
public sealed record SimilarWord(string Word, float Similarity, int Documents);
