using System.Linq.Expressions;
using Portal.Content;
using Portal.Training;

namespace Portal.News;

/// <summary>A press release (berita / siaran pers).</summary>
public class Article : IImportedContent
{
    public const int TitleMaxLength = 200;

    public const int SummaryMaxLength = 500;

    public const int AuthorMaxLength = 120;

    public const int CoverImageAltMaxLength = 300;

    public const int CoverImagePathMaxLength = 300;

    /// <summary>The author shown when none is given, by the staff form or a content file.</summary>
    public const string DefaultAuthor = "Humas Disnakertrans Kota Serang";

    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string Title { get; set; }

    public required string Summary { get; set; }

    public string BodyMarkdown { get; set; } = string.Empty;

    /// <summary>Sanitized HTML rendered once on import or save; pages never render Markdown per request.</summary>
    public string BodyHtml { get; set; } = string.Empty;

    /// <summary>Plain text of the body, for search and reading time.</summary>
    public string BodyText { get; set; } = string.Empty;

    public int ReadingMinutes { get; set; }

    /// <summary>When the article is (or becomes) public; in the future means scheduled.</summary>
    public DateTime PublishedAtUtc { get; set; }

    public ArticleStatus Status { get; set; }

    public string Author { get; set; } = string.Empty;

    /// <summary>Path under wwwroot or the uploads address, e.g. "/img/berita/x.jpg".</summary>
    public string? CoverImagePath { get; set; }

    public string? CoverImageAlt { get; set; }

    public int? ProgrammeId { get; set; }

    public Programme? Programme { get; set; }

    public List<Topic> Topics { get; set; } = [];

    public ContentOrigin Origin { get; set; }

    public string? ContentHash { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Who saved it last in the staff area; null for an article as imported from content/.</summary>
    public string? UpdatedBy { get; set; }

    /// <summary>
    /// Optimistic concurrency token, incremented on every save: two editors who opened the same
    /// version cannot both save it, the second is told instead of overwriting the first. A plain
    /// column (not a SQLite rowversion) keeps the model provider-neutral.
    /// </summary>
    public int Version { get; set; }

    /// <summary>The body as written and as rendered, stored together so pages and search never render Markdown per request.</summary>
    public void SetBody(string markdown, RenderedMarkdown rendered)
    {
        BodyMarkdown = markdown;
        BodyHtml = rendered.Html;
        BodyText = rendered.PlainText;
        ReadingMinutes = rendered.ReadingMinutes;
    }

    public bool IsPublicAt(DateTime nowUtc) => Status == ArticleStatus.Published && PublishedAtUtc <= nowUtc;

    /// <summary>The same rule as <see cref="IsPublicAt"/>, as a query the database can run.</summary>
    public static Expression<Func<Article, bool>> PublicAt(DateTime nowUtc) =>
        a => a.Status == ArticleStatus.Published && a.PublishedAtUtc <= nowUtc;

    /// <summary>Published with a time still to come: it becomes public by itself at that time.</summary>
    public static Expression<Func<Article, bool>> ScheduledAt(DateTime nowUtc) =>
        a => a.Status == ArticleStatus.Published && a.PublishedAtUtc > nowUtc;

    /// <summary>What staff see: a published article whose time has not come yet is scheduled.</summary>
    public ArticleState StateAt(DateTime nowUtc) => StateOf(Status, PublishedAtUtc, nowUtc);

    public static ArticleState StateOf(ArticleStatus status, DateTime publishedAtUtc, DateTime nowUtc) => status switch
    {
        ArticleStatus.Draft => ArticleState.Draft,
        ArticleStatus.Archived => ArticleState.Archived,
        _ => publishedAtUtc > nowUtc ? ArticleState.Scheduled : ArticleState.Published,
    };
}

public enum ArticleStatus
{
    Draft,
    Published,
    Archived,
}

/// <summary>The stored status seen at a moment: <see cref="ArticleStatus.Published"/> splits into scheduled and published.</summary>
public enum ArticleState
{
    Draft,
    Scheduled,
    Published,
    Archived,
}

/// <summary>A topic (topik) that groups articles: "Soft Skill", "APBN", "Penempatan Kerja".</summary>
public class Topic
{
    /// <summary>The longest topic name (and slug): a tag on every article and a link in the topic list.</summary>
    public const int NameMaxLength = 80;

    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public List<Article> Articles { get; set; } = [];
}
