using Portal.Training;

namespace Portal.Admin.Training;

/// <summary>/admin/pelatihan: every programme with its batches, for operators.</summary>
public class IndexModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    public List<Programme> Programmes { get; private set; } = [];

    public DateTime NowUtc { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        NowUtc = Wib.UtcNow(clock);
        Programmes = await db.Programmes.AsNoTracking().Include(p => p.Batches)
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Title)
            .ToListAsync(cancellationToken);
    }
}
