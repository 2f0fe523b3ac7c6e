using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Portal.Search;

/// <summary>
/// The fields of the index and why each has its type. A change of fields, analyzers or stored
/// values bumps <see cref="Version"/>: the version is written into every commit, and an index of an
/// older version is rebuilt from the database at start-up.
/// </summary>
public static class SearchSchema
{
    /// <summary>3: a batch's address is its shared one (key, not row id), and its dates are in the one date style.</summary>
    public const int Version = 3;

    public const LuceneVersion LuceneVersion = LuceneVersion.LUCENE_48;

    /// <summary>"article:12": one untokenized term per document, so an update replaces it by this term.</summary>
    public const string Id = "id";

    /// <summary>Kind, programme and year: untokenized terms to filter on, plus sorted doc values to count facets.</summary>
    public const string Kind = "kind";

    public const string Programme = "programme";

    public const string Year = "year";

    /// <summary>Untokenized, to find every document that depends on a programme when it changes or goes.</summary>
    public const string ProgrammeId = "programme_id";

    /// <summary>Stemmed text, stored for the highlighter (which re-analyzes the stored text).</summary>
    public const string Title = "title";

    /// <summary>
    /// Stemmed text; only its first <see cref="StoredBodyLength"/> characters are stored. Without
    /// positions: phrases are matched on <see cref="BodyExact"/>, and the stemmed field only answers
    /// term queries, so its positions would be written and never read (a seventh of the index).
    /// </summary>
    public const string Body = "body";

    private static readonly FieldType BodyType = new(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS };

    /// <summary>
    /// Snippets come from the start of the body (the lead of a press release): re-analyzing whole
    /// long bodies for every hit of a page would cost more than the search itself, so only the
    /// start is stored. A match further down shows the summary instead.
    /// </summary>
    public const int StoredBodyLength = 3_000;

    /// <summary>The same text unstemmed and not stored (the stemmed field stores it once).</summary>
    public const string TitleExact = "title_exact";

    public const string BodyExact = "body_exact";

    /// <summary>
    /// Numeric field for "not published after now": a scheduled article is in the index before its
    /// time and appears by itself when the clock passes it, with no job. Programmes and batches
    /// carry 0, so one query serves every kind. One term per value (no trie terms): the range a
    /// query excludes, from now on, holds only the few scheduled articles, so it is found by one
    /// seek, where trie terms would cost dozens per segment and query.
    /// </summary>
    public const string Published = "published";

    public const int PublishedPrecisionStep = int.MaxValue;

    private static readonly FieldType PublishedType = new(Int64Field.TYPE_STORED) { NumericPrecisionStep = PublishedPrecisionStep };

    /// <summary>Doc values, for sorting newest first without loading a field cache.</summary>
    public const string SortDate = "sort_date";

    /// <summary>Doc values on news only: the small recency boost reads it per hit.</summary>
    public const string NewsDate = "news_date";

    // Stored only: what a hit shows without a trip to the database.
    public const string Url = "url";

    public const string Summary = "summary";

    public const string ProgrammeTitle = "programme_title";

    public const string RegistrationOpens = "registration_opens";

    public const string RegistrationCloses = "registration_closes";

    public const string TrainingStarts = "training_starts";

    /// <summary>The first characters of a text, never splitting a surrogate pair.</summary>
    public static string Start(string text, int length) =>
        text.Length <= length ? text : text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];

    public static string Key(SearchKind kind, int entityId) => Key(kind, entityId.ToString(CultureInfo.InvariantCulture));

    public static string Key(SearchKind kind, string name) => $"{kind.Code()}:{name}";

    public static Document ToLucene(SearchDocument item)
    {
        var document = new Document
        {
            new StringField(Id, item.Key, Field.Store.YES),
            new StringField(Kind, item.Kind.Code(), Field.Store.YES),
            new SortedDocValuesField(Kind, new BytesRef(item.Kind.Code())),
            new TextField(Title, item.Title, Field.Store.YES),
            new TextField(TitleExact, item.Title, Field.Store.NO),
            new Field(Body, item.Body, BodyType),
            new StoredField(Body, Start(item.Body, StoredBodyLength)),
            new TextField(BodyExact, item.Body, Field.Store.NO),
            new Int64Field(Published, item.PublishedAtUtc?.Ticks ?? 0, PublishedType),
            new NumericDocValuesField(SortDate, item.SortDateUtc?.Ticks ?? 0),
            new StoredField(Url, item.Url),
            new StoredField(Summary, item.Summary),
        };

        if (item.Kind == SearchKind.Article && item.PublishedAtUtc is { } published)
        {
            document.Add(new NumericDocValuesField(NewsDate, published.Ticks));
        }

        if (item.ProgrammeSlug is not null)
        {
            document.Add(new StringField(Programme, item.ProgrammeSlug, Field.Store.YES));
            document.Add(new SortedDocValuesField(Programme, new BytesRef(item.ProgrammeSlug)));
            document.Add(new StoredField(ProgrammeTitle, item.ProgrammeTitle ?? item.ProgrammeSlug));
        }

        if (item.ProgrammeId is { } programmeId)
        {
            document.Add(new StringField(ProgrammeId, programmeId.ToString(CultureInfo.InvariantCulture), Field.Store.NO));
        }

        if (item.Year is { } year)
        {
            var text = year.ToString(CultureInfo.InvariantCulture);
            document.Add(new StringField(Year, text, Field.Store.YES));
            document.Add(new SortedDocValuesField(Year, new BytesRef(text)));
        }

        if (item.RegistrationOpensAtUtc is { } opens && item.RegistrationClosesAtUtc is { } closes && item.TrainingStartsOn is { } starts)
        {
            document.Add(new StoredField(RegistrationOpens, opens.Ticks));
            document.Add(new StoredField(RegistrationCloses, closes.Ticks));
            document.Add(new StoredField(TrainingStarts, starts.DayNumber));
        }

        return document;
    }
}
