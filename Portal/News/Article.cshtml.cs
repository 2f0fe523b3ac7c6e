using Portal.Caching;

namespace Portal.News;

[CachedPage]
public class ArticleModel(NewsQueries news) : PageModel
{
    public Article Article { get; private set; } = null!;

    public List<ArticleSummary> Related { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        // What the page shows: the HTML body, never the Markdown or plain-text copies (two thirds of the row).
        var article = await news.Published()
            .Where(a => a.Slug == slug)
            .Select(a => new Article
            {
                Id = a.Id,
                Slug = a.Slug,
                Title = a.Title,
                Summary = a.Summary,
                BodyHtml = a.BodyHtml,
                ReadingMinutes = a.ReadingMinutes,
                PublishedAtUtc = a.PublishedAtUtc,
                Status = a.Status,
                Author = a.Author,
                CoverImagePath = a.CoverImagePath,
                CoverImageAlt = a.CoverImageAlt,
                ProgrammeId = a.ProgrammeId,
                Programme = a.Programme == null ? null : new Training.Programme { Id = a.Programme.Id, Slug = a.Programme.Slug, Title = a.Programme.Title, Summary = string.Empty },
                Topics = a.Topics.Select(t => new Topic { Id = t.Id, Slug = t.Slug, Name = t.Name }).ToList(),
            })
            .AsSplitQuery()
            .SingleOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            // An address shared before the slug changed keeps working.
            return await news.MovedToAsync(slug, cancellationToken) is { } current
                ? RedirectToPagePermanent("/News/Article", new { slug = current })
                : NotFound();
        }

        Article = article;
        Related = await news.RelatedAsync(article, 3, cancellationToken);
        return Page();
    }
}
