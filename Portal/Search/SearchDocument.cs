using System.Net;
using Portal.Help;
using Portal.News;
using Portal.Training;

namespace Portal.Search;

/// <summary>The kinds of results, with the words the page uses (badge) and the URL (?jenis=).</summary>
public enum SearchKind
{
    Article,
    Programme,
    Batch,

    /// <summary>A fixed page of the site (<see cref="SitePages"/>), such as /statistik.</summary>
    Page,
}

public static class SearchKindText
{
    public static string Code(this SearchKind kind) => kind switch
    {
        SearchKind.Article => "berita",
        SearchKind.Programme => "program",
        SearchKind.Page => "halaman",
        _ => "gelombang",
    };

    public static string Label(this SearchKind kind) => kind switch
    {
        SearchKind.Article => "Berita",
        SearchKind.Programme => "Program",
        SearchKind.Page => "Halaman",
        _ => "Gelombang",
    };

    public static SearchKind? FromCode(string? code) => code switch
    {
        "berita" => SearchKind.Article,
        "program" => SearchKind.Programme,
        "gelombang" => SearchKind.Batch,
        "halaman" => SearchKind.Page,
        _ => null,
    };
}

/// <summary>
/// What the index holds about one public item, built from the database entity. The index is a
/// copy for finding things; the database stays the source of truth.
/// </summary>
public sealed record SearchDocument(SearchKind Kind, int EntityId, string Title, string Body, string Summary, string Url)
{
    public string? ProgrammeSlug { get; init; }

    public int? ProgrammeId { get; init; }

    public string? ProgrammeTitle { get; init; }

    /// <summary>Only articles have one: search hides a document until this instant.</summary>
    public DateTime? PublishedAtUtc { get; init; }

    /// <summary>What "newest first" sorts by: publication for news, registration opening for batches.</summary>
    public DateTime? SortDateUtc { get; init; }

    /// <summary>The year facet, in WIB.</summary>
    public int? Year { get; init; }

    public DateTime? RegistrationOpensAtUtc { get; init; }

    public DateTime? RegistrationClosesAtUtc { get; init; }

    public DateOnly? TrainingStartsOn { get; init; }

    /// <summary>Kind and database id; a site page, which has no row, is keyed by its name instead.</summary>
    public string Key { get; init; } = SearchSchema.Key(Kind, EntityId);

    /// <summary>Only published articles are indexed; drafts and archived ones are removed.</summary>
    public static SearchDocument? FromArticle(Article article, SiteLinks links)
    {
        if (article.Status != ArticleStatus.Published)
        {
            return null;
        }

        var topics = string.Join(", ", article.Topics.Select(t => t.Name));
        var body = string.Join("\n\n", new[] { article.Summary, Plain(article.BodyText), topics }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return new SearchDocument(SearchKind.Article, article.Id, article.Title, body, article.Summary, links.Article(article.Slug))
        {
            ProgrammeSlug = article.Programme?.Slug,
            ProgrammeId = article.ProgrammeId,
            ProgrammeTitle = article.Programme?.Title,
            PublishedAtUtc = article.PublishedAtUtc,
            SortDateUtc = article.PublishedAtUtc,
            Year = Wib.DateOf(article.PublishedAtUtc).Year,
        };
    }

    public static SearchDocument FromProgramme(Programme programme, string descriptionText, SiteLinks links) =>
        new(SearchKind.Programme, programme.Id, programme.Title, $"{programme.Summary}\n\n{Plain(descriptionText)}", programme.Summary,
            links.Programme(programme.Slug))
        {
            ProgrammeSlug = programme.Slug,
            ProgrammeId = programme.Id,
            ProgrammeTitle = programme.Title,
        };

    /// <summary>Its keywords are searched with the description, as words people use for the page's subject.</summary>
    public static SearchDocument FromSitePage(SitePage page, SiteLinks links) =>
        new(SearchKind.Page, 0, page.Title, $"{page.Description}\n\n{page.Keywords}", page.Description, links.Page(page.PageName))
        {
            Key = SearchSchema.Key(SearchKind.Page, page.Name),
        };

    /// <summary>
    /// A question of /tanya-jawab: found by its question, answer and keywords, and opened at its
    /// own anchor. Keyed by its file's slug, among the site pages, which every start replaces.
    /// </summary>
    public static SearchDocument FromFaq(FaqEntry entry, SiteLinks links)
    {
        var answer = Plain(entry.AnswerText);
        return new(SearchKind.Page, 0, entry.Question, $"{answer}\n\n{string.Join(", ", entry.Keywords)}", Summarize(answer),
            $"{links.Page("/Help/Faq")}#{entry.Slug}")
        {
            Key = SearchSchema.Key(SearchKind.Page, $"{FaqKeyPrefix}{entry.Slug}"),
        };
    }

    /// <summary>Site-page keys of FAQ questions start with this, so no question can take a fixed page's key.</summary>
    private const string FaqKeyPrefix = "tanya-jawab/";

    /// <summary>The first sentences of a text, up to about a result line's worth.</summary>
    private static string Summarize(string text)
    {
        const int Length = 200;
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= Length)
        {
            return flat;
        }

        var cut = flat.LastIndexOf(' ', Length);
        return string.Concat(flat.AsSpan(0, cut > 0 ? cut : Length), "…");
    }

    /// <summary>
    /// Markdown's plain text keeps the entities its typography extension writes (&amp;ldquo;);
    /// the index holds the characters, so they match and are encoded once, on output.
    /// </summary>
    private static string Plain(string text) => WebUtility.HtmlDecode(text);

    /// <summary>A batch reads as a sentence, so its funding, provider, place and months are searchable.</summary>
    public static SearchDocument FromBatch(Batch batch, Programme programme, SiteLinks links)
    {
        var culture = Wib.Culture;
        var summary = string.Create(culture,
            $"{programme.Title}, {batch.Name}. Dibiayai {batch.Funding.Description()}, diselenggarakan {batch.Provider} di {batch.Location}. Kuota {batch.Seats} peserta.");
        var body = string.Create(culture,
            $"{summary} Pendaftaran {Wib.DateRangeUntil(batch.RegistrationOpensAtUtc, batch.LastRegistrationMinuteUtc)}. Pelatihan {Wib.DateRange(batch.TrainingStartsOn, batch.TrainingEndsOn)}. {programme.Summary}");
        var title = $"{programme.Title} — {batch.Name}";
        var url = links.BatchOnProgramme(programme.Slug, batch.Key);

        // Once its results are announced, the batch is what people look for them by ("hasil seleksi
        // barista"): its result leads to the announcement and says so in its title.
        if (batch.ResultsPublishedAtUtc is { } announced)
        {
            var results = $"Hasil seleksi diumumkan {Wib.LongDate(announced)}: pengumuman peserta diterima, cadangan dan ditolak menurut nomor pendaftaran.";
            title = $"Hasil seleksi {title}";
            summary = $"{results} {summary}";
            body = $"{results} {body}";
            url = links.Results(programme.Slug, batch.Key);
        }

        return new SearchDocument(SearchKind.Batch, batch.Id, title, body, summary, url)
        {
            ProgrammeSlug = programme.Slug,
            ProgrammeId = programme.Id,
            ProgrammeTitle = programme.Title,
            SortDateUtc = batch.RegistrationOpensAtUtc,
            Year = batch.TrainingStartsOn.Year,
            RegistrationOpensAtUtc = batch.RegistrationOpensAtUtc,
            RegistrationClosesAtUtc = batch.RegistrationClosesAtUtc,
            TrainingStartsOn = batch.TrainingStartsOn,
        };
    }
}
