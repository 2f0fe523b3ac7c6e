using System.Globalization;
using System.Text;

namespace Portal.Search;

public enum SearchTermKind
{
    Word,

    /// <summary>Words in double quotes, matched in that order: "public speaking".</summary>
    Phrase,

    /// <summary>A word ending in an asterisk, matched as the start of words: barist*.</summary>
    Prefix,
}

public sealed record SearchTerm(SearchTermKind Kind, string Text);

/// <summary>
/// What a person typed, made safe to search with. Input is untrusted and never reaches a Lucene
/// query parser: a small forgiving reader takes words, "quoted phrases" and prefix* words, and
/// treats everything else (field names, brackets, AND/OR, lone quotes, a bare *) as plain text
/// that the analyzer reduces to words. Length and the number of terms are capped so that no
/// input can make a slow query.
/// </summary>
public sealed record SearchInput(string Text, IReadOnlyList<SearchTerm> Terms, bool Truncated, bool TooManyTerms)
{
    public const int MaxLength = 200;

    public const int MaxTerms = 12;

    public const int MaxPrefixes = 3;

    /// <summary>Shortest stem before an asterisk; "a*" would expand to half the vocabulary.</summary>
    public const int MinPrefixLength = 2;

    public bool IsEmpty => Terms.Count == 0;

    public static SearchInput Parse(string? raw)
    {
        var (text, truncated) = Clean(raw ?? string.Empty);
        var terms = new List<SearchTerm>();
        var prefixes = 0;
        var tooMany = false;

        void Add(SearchTerm term)
        {
            if (terms.Count >= MaxTerms || (term.Kind == SearchTermKind.Prefix && prefixes >= MaxPrefixes))
            {
                tooMany = true;
                return;
            }

            prefixes += term.Kind == SearchTermKind.Prefix ? 1 : 0;
            terms.Add(term);
        }

        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            if (text[i] == '"')
            {
                var close = text.IndexOf('"', i + 1);
                if (close < 0)
                {
                    // A lone quote: the rest is read as plain words.
                    i++;
                    continue;
                }

                var phrase = text[(i + 1)..close].Trim();
                if (phrase.Length > 0)
                {
                    Add(new SearchTerm(phrase.Contains(' ', StringComparison.Ordinal) ? SearchTermKind.Phrase : SearchTermKind.Word, phrase));
                }

                i = close + 1;
                continue;
            }

            var end = i;
            while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '"')
            {
                end++;
            }

            var word = text[i..end];
            i = end;
            var stem = word.TrimEnd('*');
            if (stem.Length < word.Length && stem.Count(char.IsLetterOrDigit) >= MinPrefixLength && stem.All(char.IsLetterOrDigit))
            {
                Add(new SearchTerm(SearchTermKind.Prefix, stem));
            }
            else if (stem.Any(char.IsLetterOrDigit))
            {
                Add(new SearchTerm(SearchTermKind.Word, stem));
            }
        }

        return new SearchInput(text, terms, truncated, tooMany);
    }

    /// <summary>
    /// Control and formatting characters (including invisible bidi overrides) become spaces,
    /// broken surrogates go, runs of spaces shrink to one, and the text is cut at
    /// <see cref="MaxLength"/> characters without splitting a character.
    /// </summary>
    private static (string Text, bool Truncated) Clean(string raw)
    {
        var builder = new StringBuilder(Math.Min(raw.Length, MaxLength + 1));
        var truncated = false;
        var lastWasSpace = true;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            string piece;
            if (char.IsHighSurrogate(c) && i + 1 < raw.Length && char.IsLowSurrogate(raw[i + 1]))
            {
                piece = raw.Substring(i, 2);
                i++;
            }
            else if (char.IsSurrogate(c) || char.IsControl(c) || char.IsWhiteSpace(c)
                     || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                piece = " ";
            }
            else
            {
                piece = c.ToString();
            }

            if (piece == " ")
            {
                if (lastWasSpace)
                {
                    continue;
                }

                lastWasSpace = true;
            }
            else
            {
                lastWasSpace = false;
            }

            if (builder.Length + piece.Length > MaxLength)
            {
                truncated = true;
                break;
            }

            builder.Append(piece);
        }

        return (builder.ToString().Trim().Normalize(NormalizationForm.FormC), truncated);
    }
}
