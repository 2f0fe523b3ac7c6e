using Portal.Training;

namespace Portal.Admin.Statistics;

/// <summary>
/// One step of a batch's funnel: how many applications reached it (null when the office did not
/// record it), and the median days they took to get there from the step before.
/// </summary>
public sealed record FunnelStep(int? Count, double? MedianDays);

/// <summary>A batch's way from applying to being placed, for the office's reports.</summary>
public sealed class BatchFunnel(Batch batch)
{
    public int BatchId { get; } = batch.Id;

    public string Name { get; } = batch.Name;

    public string ProgrammeTitle { get; } = batch.Programme!.Title;

    public FundingSource Funding { get; } = batch.Funding;

    public DateOnly TrainingStartsOn { get; } = batch.TrainingStartsOn;

    public DateOnly TrainingEndsOn { get; } = batch.TrainingEndsOn;

    public int Seats { get; } = batch.Seats;

    /// <summary>The figures are the office's record of a batch run on paper, not counted from applications.</summary>
    public bool RecordedByOffice { get; init; }

    public required FunnelStep Applied { get; init; }

    public required FunnelStep Verified { get; init; }

    public required FunnelStep Accepted { get; init; }

    public required FunnelStep Completed { get; init; }

    public required FunnelStep Placed { get; init; }

    /// <summary>Withdrawn applications (Dibatalkan), left out of every step; null for a recorded batch.</summary>
    public int? Withdrawn { get; init; }

    /// <summary>The steps in order with their Indonesian names and the CSS name tests and styles use.</summary>
    public IReadOnlyList<(string Key, string Label, FunnelStep Step)> Steps =>
    [
        ("mendaftar", "Mendaftar", Applied),
        ("diverifikasi", ApplicationStatus.Diverifikasi.Label(), Verified),
        ("diterima", ApplicationStatus.Diterima.Label(), Accepted),
        ("selesai", ApplicationStatus.Selesai.Label(), Completed),
        ("ditempatkan", ApplicationStatus.Ditempatkan.Label(), Placed),
    ];
}

/// <summary>
/// The staff funnel per batch: applied → verified (Diverifikasi) → accepted (Diterima) →
/// completed (Selesai) → placed (Ditempatkan). An application counts at the furthest step it
/// reached and at every step before it; withdrawn ones are counted apart. A batch with the
/// office's recorded outcome shows those figures instead, with no times.
/// Counts are two grouped queries, whatever the number of applications. The median times need
/// each application's step instants: one row per application that got past Diajukan, for the
/// batches asked for (one batch, or one year's), never for every year at once.
/// </summary>
public sealed class ApplicationFunnel(PortalDbContext db)
{
    /// <summary>Years in which some batch's training starts, latest first (demo batches left out, as on /admin/statistik).</summary>
    public Task<List<int>> YearsAsync(CancellationToken cancellationToken) =>
        db.Batches.Where(b => !b.IsDemo).Select(b => b.TrainingStartsOn.Year).Distinct().OrderByDescending(y => y).ToListAsync(cancellationToken);

    /// <summary>Every batch whose training starts in the year, in the order they were trained; demo batches are examples, not training held.</summary>
    public Task<List<BatchFunnel>> ForYearAsync(int year, CancellationToken cancellationToken)
    {
        var (first, next) = (new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));
        return LoadAsync(db.Batches.Where(b => !b.IsDemo && b.TrainingStartsOn >= first && b.TrainingStartsOn < next), cancellationToken);
    }

    public async Task<BatchFunnel?> ForBatchAsync(int batchId, CancellationToken cancellationToken) =>
        (await LoadAsync(db.Batches.Where(b => b.Id == batchId), cancellationToken)).SingleOrDefault();

    private async Task<List<BatchFunnel>> LoadAsync(IQueryable<Batch> batches, CancellationToken cancellationToken)
    {
        var found = await batches.AsNoTracking().Include(b => b.Programme)
            .OrderBy(b => b.TrainingStartsOn).ThenBy(b => b.Id).ToListAsync(cancellationToken);
        var counted = found.Where(b => b.RecordedOutcome is null).Select(b => b.Id).ToList();
        var applications = db.Applications.Where(a => counted.Contains(a.BatchId));

        var byStatus = await applications.GroupBy(a => new { a.BatchId, a.Status })
            .Select(g => new { g.Key.BatchId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        // Ditolak may come before or after verification: only the history tells which.
        var rejectedAfterVerification = await applications
            .Where(a => a.Status == ApplicationStatus.Ditolak && a.History.Any(h => h.To == ApplicationStatus.Diverifikasi))
            .GroupBy(a => a.BatchId).Select(g => new { BatchId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.BatchId, g => g.Count, cancellationToken);
        // The first time each step was entered (a later re-entry does not restart the clock).
        var instants = await applications
            .Where(a => a.Status != ApplicationStatus.Diajukan && a.Status != ApplicationStatus.Dibatalkan)
            .Select(a => new StepInstants(
                a.BatchId,
                a.CreatedAtUtc,
                a.History.Where(h => h.To == ApplicationStatus.Diverifikasi).Min(h => (DateTime?)h.AtUtc),
                a.History.Where(h => h.To == ApplicationStatus.Diterima).Min(h => (DateTime?)h.AtUtc),
                a.History.Where(h => h.To == ApplicationStatus.Selesai).Min(h => (DateTime?)h.AtUtc),
                a.History.Where(h => h.To == ApplicationStatus.Ditempatkan).Min(h => (DateTime?)h.AtUtc)))
            .ToListAsync(cancellationToken);
        var instantsByBatch = instants.ToLookup(i => i.BatchId);

        return [.. found.Select(batch => batch.RecordedOutcome is { } recorded
            ? Recorded(batch, recorded)
            : Counted(batch, [.. byStatus.Where(s => s.BatchId == batch.Id).Select(s => (s.Status, s.Count))],
                rejectedAfterVerification.GetValueOrDefault(batch.Id), [.. instantsByBatch[batch.Id]]))];
    }

    private static BatchFunnel Recorded(Batch batch, RecordedOutcome recorded) => new(batch)
    {
        RecordedByOffice = true,
        Applied = new(recorded.Applicants, null),
        Verified = new(null, null),
        Accepted = new(recorded.Participants, null),
        Completed = new(recorded.Completed, null),
        Placed = new(recorded.Placed, null),
    };

    private static BatchFunnel Counted(Batch batch, List<(ApplicationStatus Status, int Count)> byStatus, int rejectedAfterVerification, List<StepInstants> instants)
    {
        int Count(params ApplicationStatus[] statuses) => byStatus.Where(s => statuses.Contains(s.Status)).Sum(s => s.Count);
        double? Median(Func<StepInstants, DateTime?> from, Func<StepInstants, DateTime?> to) =>
            Medians.Of([.. instants.Where(i => from(i) is not null && to(i) is not null).Select(i => (to(i)!.Value - from(i)!.Value).TotalDays)]);

        return new(batch)
        {
            Applied = new(byStatus.Where(s => s.Status != ApplicationStatus.Dibatalkan).Sum(s => s.Count), null),
            Verified = new(
                Count(ApplicationStatus.Diverifikasi, ApplicationStatus.Cadangan, ApplicationStatus.Diterima, ApplicationStatus.Selesai, ApplicationStatus.Ditempatkan)
                    + rejectedAfterVerification,
                Median(i => i.AppliedAtUtc, i => i.VerifiedAtUtc)),
            Accepted = new(
                Count(ApplicationStatus.Diterima, ApplicationStatus.Selesai, ApplicationStatus.Ditempatkan),
                Median(i => i.VerifiedAtUtc, i => i.AcceptedAtUtc)),
            Completed = new(Count(ApplicationStatus.Selesai, ApplicationStatus.Ditempatkan), Median(i => i.AcceptedAtUtc, i => i.CompletedAtUtc)),
            Placed = new(Count(ApplicationStatus.Ditempatkan), Median(i => i.CompletedAtUtc, i => i.PlacedAtUtc)),
            Withdrawn = Count(ApplicationStatus.Dibatalkan),
        };
    }

    private sealed record StepInstants(
        int BatchId, DateTime AppliedAtUtc, DateTime? VerifiedAtUtc, DateTime? AcceptedAtUtc, DateTime? CompletedAtUtc, DateTime? PlacedAtUtc);
}

public static class Medians
{
    /// <summary>The middle value (the mean of the two middle ones for an even count); null for none.</summary>
    public static double? Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

/// <summary>Figures as Indonesian readers write them: "1.234", "45,6%", "2,5 hari".</summary>
public static class FunnelText
{
    public static string Number(int value) => value.ToString("N0", Wib.Culture);

    /// <summary>The share of <paramref name="whole"/>; empty when there is no whole to share.</summary>
    public static string Percent(int part, int whole) =>
        whole == 0 ? string.Empty : (part * 100.0 / whole).ToString("0.0", Wib.Culture) + "%";

    public static string Days(double days) => $"{days.ToString("0.0", Wib.Culture)} hari";
}
