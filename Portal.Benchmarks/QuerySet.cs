using System.Text;

namespace Portal.Benchmarks;

public enum QueryShape
{
    OneWord,
    TwoWords,
    Phrase,
    Prefix,
    Typo,
}

/// <summary>A query as a person types it for /cari, and the same intent in FTS5's query syntax.</summary>
public sealed record BenchmarkQuery(QueryShape Shape, string Typed, string Fts5);

/// <summary>Mixed queries from a fixed seed: single words, two words, phrases taken from articles, prefixes and typos.</summary>
public static class QuerySet
{
    public static List<BenchmarkQuery> Create(SyntheticCorpus corpus, int articles, int count, int seed)
    {
        var random = new Random(seed);
        var queries = new List<BenchmarkQuery>(count);
        for (var i = 0; i < count; i++)
        {
            var shape = (QueryShape)(i % 5);
            queries.Add(shape switch
            {
                QueryShape.OneWord => Words(corpus.QueryWord(random)),
                QueryShape.TwoWords => Words(corpus.QueryWord(random), corpus.QueryWord(random)),
                QueryShape.Phrase => Phrase(corpus, random, articles),
                QueryShape.Prefix => Prefix(corpus, random),
                _ => Typo(corpus, random),
            });
        }

        return queries;
    }

    private static BenchmarkQuery Words(params string[] words) =>
        new(words.Length == 1 ? QueryShape.OneWord : QueryShape.TwoWords, string.Join(' ', words), string.Join(' ', words.Select(Quoted)));

    /// <summary>Two neighbouring words of a real article, in quotes.</summary>
    private static BenchmarkQuery Phrase(SyntheticCorpus corpus, Random random, int articles)
    {
        while (true)
        {
            var words = corpus.Article(random.Next(articles)).Body.Split([' ', '.', '\n'], StringSplitOptions.RemoveEmptyEntries);
            var at = random.Next(words.Length - 1);
            var (first, second) = (words[at].ToLowerInvariant(), words[at + 1].ToLowerInvariant());
            if (!corpus.IsStopWord(first) && !corpus.IsStopWord(second))
            {
                return new BenchmarkQuery(QueryShape.Phrase, $"\"{first} {second}\"", Quoted($"{first} {second}"));
            }
        }
    }

    private static BenchmarkQuery Prefix(SyntheticCorpus corpus, Random random)
    {
        while (true)
        {
            var word = corpus.QueryWord(random);
            if (word.Length >= 6)
            {
                var prefix = word[..random.Next(4, 6)];
                return new BenchmarkQuery(QueryShape.Prefix, prefix + "*", Quoted(prefix) + "*");
            }
        }
    }

    /// <summary>One slip: two letters swapped, one left out, or one replaced.</summary>
    private static BenchmarkQuery Typo(SyntheticCorpus corpus, Random random)
    {
        while (true)
        {
            var word = corpus.QueryWord(random);
            if (word.Length < 5)
            {
                continue;
            }

            var at = random.Next(1, word.Length - 1);
            var typed = new StringBuilder(word);
            switch (random.Next(3))
            {
                case 0:
                    (typed[at], typed[at + 1]) = (typed[at + 1], typed[at]);
                    break;
                case 1:
                    typed.Remove(at, 1);
                    break;
                default:
                    typed[at] = (char)('a' + random.Next(26));
                    break;
            }

            return new BenchmarkQuery(QueryShape.Typo, typed.ToString(), Quoted(typed.ToString()));
        }
    }

    private static string Quoted(string text) => $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
