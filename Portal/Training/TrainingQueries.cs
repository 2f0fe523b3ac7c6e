namespace Portal.Training;

public sealed class TrainingQueries(PortalDbContext db, TimeProvider clock)
{
    /// <summary>Batches open for registration now, closing soonest first, for the home page.</summary>
    public async Task<List<BatchView>> OpenBatchesAsync(CancellationToken cancellationToken)
    {
        var now = Wib.UtcNow(clock);
        var batches = await db.Batches.AsNoTracking().Include(b => b.Programme)
            .Where(Batch.OpenAt(now))
            .OrderBy(b => b.RegistrationClosesAtUtc)
            .ToListAsync(cancellationToken);
        return batches.Select(b => BatchView.Create(b, b.Programme!, now, showProgramme: true)).ToList();
    }

    /// <summary>
    /// A batch at its public address (programme slug and batch key, never the row id), with its
    /// programme; null for an unknown or deleted batch, or a key under another programme.
    /// </summary>
    public Task<Batch?> BatchAtAsync(string slug, string key, CancellationToken cancellationToken) =>
        db.Batches.AsNoTracking().Include(b => b.Programme)
            .SingleOrDefaultAsync(b => b.Key == key && b.Programme!.Slug == slug, cancellationToken);

    /// <summary>A programme's batches: open first, then opening soon, then closed (newest first).</summary>
    public static List<BatchView> Ordered(Programme programme, DateTime nowUtc) =>
        programme.Batches
            .Select(b => BatchView.Create(b, programme, nowUtc))
            .OrderBy(v => v.Status switch { BatchStatus.Open => 0, BatchStatus.Upcoming => 1, _ => 2 })
            .ThenBy(v => v.Status == BatchStatus.Closed ? -v.Batch.TrainingStartsOn.DayNumber : v.Batch.RegistrationClosesAtUtc.Ticks / TimeSpan.TicksPerDay)
            .ToList();
}
