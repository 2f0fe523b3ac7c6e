using Portal.Caching;
using Portal.News;

namespace Portal.Training;

/// <summary>
/// A programme with its batches. Batches have no page of their own: a batch's shared address is
/// this page with <see cref="SharedBatchParameter"/> and its anchor, so the link preview speaks of
/// that batch (its deadline), not of the programme's first one.
/// </summary>
[CachedPage(SharedBatchParameter)]
public class ProgrammeModel(PortalDbContext db, NewsQueries news, TimeProvider clock) : PageModel
{
    public const string SharedBatchParameter = "gelombang";

    /// <summary>The key of the batch the shared link was for; an unknown key is the programme's preview.</summary>
    [BindProperty(SupportsGet = true, Name = SharedBatchParameter)]
    public string? SharedBatchKey { get; set; }

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
