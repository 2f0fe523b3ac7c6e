using Portal.Caching;

namespace Portal.Training;

[CachedPage]
public class IndexModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    public List<(Programme Programme, List<BatchView> Batches)> Programmes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = Wib.UtcNow(clock);
        var programmes = await db.Programmes.AsNoTracking().Include(p => p.Batches)
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Title)
            .ToListAsync(cancellationToken);
        Programmes = programmes.Select(p => (p, TrainingQueries.Ordered(p, now))).ToList();
    }
}
