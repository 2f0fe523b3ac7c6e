using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Id;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Portal.Search;

/// <summary>
/// How text becomes terms, for indexing and for queries. Two chains:
/// <list type="bullet">
/// <item><b>Stemmed</b> (fields title, body): Indonesian stop words out, the rule-based Tala stemmer
/// (Lucene's IndonesianStemFilter), so "pelatihan", "dilatih", "melatih" and "latihan" all become
/// "latih". At index time it also injects the synonyms the public uses (pencaker ↔ pencari kerja…).</item>
/// <item><b>Exact</b> (fields title_exact, body_exact): the same words, lower-cased and
/// accent-folded but not stemmed, so a document with the very word typed ranks above one with only
/// a sibling form, and phrases, prefixes and typo tolerance work on the words people actually write.</item>
/// </list>
/// Analyzers are thread-safe (each thread gets its own token stream), so these are built once.
/// Changing anything here changes the terms in the index: bump <see cref="SearchSchema.Version"/>
/// so that every index is rebuilt on its next start.
/// </summary>
public static class SearchAnalyzers
{
    private const LuceneVersion Version = SearchSchema.LuceneVersion;

    /// <summary>For writing documents: per field, the stemmed chain with synonyms or the exact chain.</summary>
    public static Analyzer Indexing { get; } = new PerFieldAnalyzerWrapper(
        Stemmed(withSynonyms: true),
        new Dictionary<string, Analyzer>
        {
            [SearchSchema.TitleExact] = Exact(),
            [SearchSchema.BodyExact] = Exact(),
        });

    /// <summary>
    /// For query words against title and body. No synonyms here: the index already holds both
    /// sides of every synonym, so "pencaker" finds "pencari kerja" and the reverse without the
    /// multi-word expansions that break phrase and term queries at query time.
    /// </summary>
    public static Analyzer StemmedQuery { get; } = Stemmed(withSynonyms: false);

    /// <summary>For query words against title_exact and body_exact.</summary>
    public static Analyzer ExactQuery { get; } = Exact();

    /// <summary>Terms of a text through an analyzer, for queries and tests.</summary>
    public static List<string> Terms(Analyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    private static Analyzer Stemmed(bool withSynonyms)
    {
        var synonyms = withSynonyms ? IndonesianVocabulary.Synonyms() : null;
        var exclusions = new CharArraySet(Version, IndonesianVocabulary.StemExclusions, ignoreCase: true);
        var overrides = IndonesianVocabulary.StemOverrides();
        return Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream stream = new StandardFilter(Version, source);
            stream = new LowerCaseFilter(Version, stream);
            stream = new ASCIIFoldingFilter(stream);
            if (synonyms is not null)
            {
                // Before the stop filter, so "balai besar pelatihan vokasi dan produktivitas" is
                // still whole (with its "dan") when it is matched against the synonym list.
                stream = new SynonymFilter(stream, synonyms, ignoreCase: true);
            }

            stream = new StopFilter(Version, stream, IndonesianAnalyzer.DefaultStopSet);
            // Both mark their words as keywords, which the stemmer then leaves alone.
            stream = new SetKeywordMarkerFilter(stream, exclusions);
            stream = new StemmerOverrideFilter(stream, overrides);
            stream = new IndonesianStemFilter(stream, stemDerivational: true);
            return new TokenStreamComponents(source, stream);
        });
    }

    private static Analyzer Exact() => Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new StandardFilter(Version, source);
        stream = new LowerCaseFilter(Version, stream);
        stream = new ASCIIFoldingFilter(stream);
        // Stop words leave a gap in positions, so the phrase "vokasi dan produktivitas" still
        // matches only those words in that order, while "dan" itself never scores.
        stream = new StopFilter(Version, stream, IndonesianAnalyzer.DefaultStopSet);
        return new TokenStreamComponents(source, stream);
    });
}
