using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Caching;
using Portal.Shared;

namespace Portal.News;

[CachedPage]
public class ArticleModel(NewsQueries news) : PageModel
{
    public Article Article { get; private set; } = null!;

    public List<ArticleSummary> Related { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var article = await news.Published()
            .Include(a => a.Topics)
            .Include(a => a.Programme)
            .AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Slug == slug, cancellationToken);
        if (article is null)
        {
            // An address shared before the slug changed keeps working.
            return await news.MovedToAsync(slug, cancellationToken) is { } current
                ? RedirectPermanent(SiteLinks.Article(current))
                : NotFound();
        }

        Article = article;
        Related = await news.RelatedAsync(article, 3, cancellationToken);
        return Page();
    }
}
