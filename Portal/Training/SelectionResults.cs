namespace Portal.Training;

/// <summary>What the public results page says of an application: the outcome of the selection, not the later steps.</summary>
public enum SelectionOutcome
{
    Diterima,
    Cadangan,
    Ditolak,
}

public static class SelectionOutcomes
{
    /// <summary>
    /// The outcome an application's status stands for. Completing the training and being placed
    /// follow acceptance, so they read as Diterima; withdrawn and undecided applications have none
    /// and are not listed.
    /// </summary>
    public static SelectionOutcome? Of(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Diterima or ApplicationStatus.Selesai or ApplicationStatus.Ditempatkan => SelectionOutcome.Diterima,
        ApplicationStatus.Cadangan => SelectionOutcome.Cadangan,
        ApplicationStatus.Ditolak => SelectionOutcome.Ditolak,
        _ => null,
    };

    /// <summary>The statuses that have an outcome, for queries.</summary>
    public static readonly ApplicationStatus[] Decided =
        [ApplicationStatus.Diterima, ApplicationStatus.Selesai, ApplicationStatus.Ditempatkan, ApplicationStatus.Cadangan, ApplicationStatus.Ditolak];

    public static string Label(this SelectionOutcome outcome) => outcome.ToString();

    /// <summary>Bootstrap badge colours with text contrast of at least 4.5:1 (as the status badges).</summary>
    public static string BadgeClass(this SelectionOutcome outcome) => outcome switch
    {
        SelectionOutcome.Diterima => "text-bg-success",
        SelectionOutcome.Cadangan => "text-bg-warning",
        _ => "text-bg-secondary",
    };
}

/// <summary>One line of a published results page: a number, its outcome, and the name only when the office shows names.</summary>
public sealed record ResultLine(string RegistrationNumber, SelectionOutcome Outcome, string? Name);

/// <summary>
/// A batch's selection results as the public sees them. Applications of deleted accounts are left
/// out: their owners asked to be forgotten, and a number is all that is left of them.
/// </summary>
public sealed class SelectionResults(PortalDbContext db, IOptions<TrainingOptions> options)
{
    public bool ShowsNames => options.Value.ShowNamesInResults;

    /// <summary>Every decided application of the batch, by outcome and then by number.</summary>
    public async Task<List<ResultLine>> LinesAsync(int batchId, CancellationToken cancellationToken)
    {
        var rows = await (
            from a in db.Applications.AsNoTracking()
            where a.BatchId == batchId && a.UserId != null && a.RegistrationNumber != null && SelectionOutcomes.Decided.Contains(a.Status)
            join p in db.JobSeekerProfiles on a.UserId equals p.UserId into profiles
            from p in profiles.DefaultIfEmpty()
            select new { a.RegistrationNumber, a.Status, Name = ShowsNames && p != null ? p.FullName : null })
            .ToListAsync(cancellationToken);
        return rows
            .Select(r => new ResultLine(r.RegistrationNumber!, SelectionOutcomes.Of(r.Status)!.Value, r.Name))
            .OrderBy(r => r.Outcome).ThenBy(r => r.RegistrationNumber, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Applications still waiting for a decision (Diajukan, Diverifikasi): results cannot be announced while any is.</summary>
    public Task<int> UndecidedCountAsync(int batchId, CancellationToken cancellationToken) =>
        db.Applications.CountAsync(a => a.BatchId == batchId && (a.Status == ApplicationStatus.Diajukan || a.Status == ApplicationStatus.Diverifikasi), cancellationToken);

    /// <summary>The person behind each listed application, for the announcement emails.</summary>
    public async Task<List<(Application Application, string Email, string FullName)>> RecipientsAsync(int batchId, CancellationToken cancellationToken)
    {
        var rows = await (
            from a in db.Applications.AsNoTracking()
            where a.BatchId == batchId && a.RegistrationNumber != null && SelectionOutcomes.Decided.Contains(a.Status)
            join u in db.Users on a.UserId equals u.Id
            join p in db.JobSeekerProfiles on u.Id equals p.UserId
            select new { Application = a, u.Email, p.FullName })
            .ToListAsync(cancellationToken);
        return rows.Where(r => r.Email is not null).Select(r => (r.Application, r.Email, r.FullName)).ToList();
    }
}
