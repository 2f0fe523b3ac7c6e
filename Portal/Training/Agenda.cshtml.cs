using Portal.Caching;

namespace Portal.Training;

/// <summary>/agenda: every batch, grouped by the month its registration opens (WIB).</summary>
[CachedPage]
public class AgendaModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Month(string Name, string Id, List<BatchView> Batches);

    public List<Month> Months { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = Wib.UtcNow(clock);
        var batches = await AgendaEndpoints.Listed(db).ToListAsync(cancellationToken);
        Months = batches
            .GroupBy(b => (Wib.DateOf(b.RegistrationOpensAtUtc).Year, Wib.DateOf(b.RegistrationOpensAtUtc).Month))
            .Select(g => new Month(
                Wib.MonthYear(g.Key.Year, g.Key.Month),
                $"bulan-{g.Key.Year}-{g.Key.Month:00}",
                g.Select(b => BatchView.Create(b, b.Programme!, now, showProgramme: true)).ToList()))
            .ToList();
    }
}
