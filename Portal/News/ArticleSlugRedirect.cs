namespace Portal.News;

/// <summary>
/// An address an article was published under before its slug changed. Links to it were shared
/// (WhatsApp, other sites), so /berita/{old} keeps working with a permanent redirect.
/// </summary>
public class ArticleSlugRedirect
{
    public int Id { get; set; }

    public required string OldSlug { get; set; }

    public int ArticleId { get; set; }

    public Article? Article { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
