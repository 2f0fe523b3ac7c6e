using Portal.Caching;
using Portal.News;

namespace Portal.Training;

[CachedPage]
public class ProgrammeModel(PortalDbContext db, NewsQueries news, TimeProvider clock) : PageModel
{
    public Programme Programme { get; private set; } = null!;

    public List<BatchView> Batches { get; private set; } = [];

    public List<ArticleSummary> News { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var programme = await db.Programmes.AsNoTracking().Include(p => p.Batches)
            .SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        if (programme is null)
        {
            return NotFound();
        }

        Programme = programme;
        Batches = TrainingQueries.Ordered(programme, Wib.UtcNow(clock));
        News = await NewsQueries.ToSummaries(news.Published().Where(a => a.ProgrammeId == programme.Id)
                .OrderByDescending(a => a.PublishedAtUtc).Take(5))
            .ToListAsync(cancellationToken);
        return Page();
    }
}
