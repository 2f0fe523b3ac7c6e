namespace Portal.News;

/// <summary>
/// A saved version of an article's text, kept on every save that changed it, so that an editor
/// can see what was there before and restore it.
/// </summary>
public class ArticleRevision
{
    public int Id { get; set; }

    public int ArticleId { get; set; }

    public Article? Article { get; set; }

    /// <summary>1, 2, 3… per article, as editors refer to them ("revisi 3").</summary>
    public int Number { get; set; }

    public required string Title { get; set; }

    public required string Summary { get; set; }

    public string BodyMarkdown { get; set; } = string.Empty;

    public DateTime SavedAtUtc { get; set; }

    /// <summary>Who saved it, as a name kept even if the account is later removed.</summary>
    public required string SavedBy { get; set; }

    public string? SavedByUserId { get; set; }

    /// <summary>Why this revision exists when it is not a plain save ("Dipulihkan dari revisi 2").</summary>
    public string? Note { get; set; }
}
