using Portal.Accounts;
using Portal.Training;

namespace Portal.Admin;

/// <summary>One batch on the dashboard. Applicants are applications holding a registration place (withdrawn ones left out).</summary>
public sealed class BatchFigures
{
    public int Id { get; init; }

    public required string Name { get; init; }

    public int Seats { get; init; }

    public int Accepted { get; init; }

    public Dictionary<Kecamatan, int> ByKecamatan { get; } = [];

    public Dictionary<EducationLevel, int> ByEducation { get; } = [];

    public int Applicants => ByKecamatan.Values.Sum();
}

public sealed class ProgrammeFigures
{
    public int Id { get; init; }

    public required string Title { get; init; }

    public List<BatchFigures> Batches { get; } = [];

    public int Applicants => Batches.Sum(b => b.Applicants);

    public int Accepted => Batches.Sum(b => b.Accepted);

    public int Seats => Batches.Sum(b => b.Seats);

    public Dictionary<Kecamatan, int> ByKecamatan => Total(b => b.ByKecamatan);

    public Dictionary<EducationLevel, int> ByEducation => Total(b => b.ByEducation);

    private Dictionary<TKey, int> Total<TKey>(Func<BatchFigures, Dictionary<TKey, int>> counts)
        where TKey : notnull =>
        Batches.SelectMany(counts).GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.Sum(c => c.Value));
}

/// <summary>One line of a breakdown cell: a kecamatan or an education level, and its applicants.</summary>
public sealed record BreakdownCount(string Label, string CssClass, int Count);

/// <summary>
/// A breakdown as the dashboard writes it: the groups that have applicants, most first, so that
/// seven kecamatan and eight education levels fit one narrow cell instead of fifteen columns of
/// mostly zeros. A group left out has none.
/// </summary>
public static class Breakdown
{
    public static List<BreakdownCount> OfKecamatan(IReadOnlyDictionary<Kecamatan, int> counts) =>
        Of(Enum.GetValues<Kecamatan>().Select(k => new BreakdownCount(k.Label(), $"kecamatan-{k}", counts.GetValueOrDefault(k))));

    public static List<BreakdownCount> OfEducation(IReadOnlyDictionary<EducationLevel, int> counts) =>
        Of(EducationLevels.All.Select(e => new BreakdownCount(e.Value, $"pendidikan-{e.Key}", counts.GetValueOrDefault(e.Key))));

    // OrderByDescending is stable: groups with the same count keep the form's order.
    private static List<BreakdownCount> Of(IEnumerable<BreakdownCount> all) =>
        [.. all.Where(c => c.Count > 0).OrderByDescending(c => c.Count)];
}

/// <summary>A profile held for an operator's NIK check, with the applicant page of its latest application (if any).</summary>
public sealed record HeldProfile(string FullName, DateTime? SinceUtc, int? ApplicationId);

/// <summary>
/// The operators' figures on /admin: per batch applicants, accepted of seats, by kecamatan and by
/// education, with programme totals. Counted from the applications' own snapshot of kecamatan
/// and education, so anonymised applications still count. Two grouped queries, whatever the number of batches.
/// </summary>
public sealed class TrainingDashboard(PortalDbContext db)
{
    /// <summary>Profiles waiting for a NIK check (see ProfileService), oldest first.</summary>
    public Task<List<HeldProfile>> HeldForNikCheckAsync(CancellationToken cancellationToken) =>
        db.JobSeekerProfiles.AsNoTracking().Where(p => p.NikNeedsReview)
            .OrderBy(p => p.NikReviewSinceUtc).ThenBy(p => p.FullName)
            .Select(p => new HeldProfile(
                p.FullName,
                p.NikReviewSinceUtc,
                db.Applications.Where(a => a.UserId == p.UserId).OrderByDescending(a => a.Id).Select(a => (int?)a.Id).FirstOrDefault()))
            .ToListAsync(cancellationToken);

    public async Task<List<ProgrammeFigures>> LoadAsync(CancellationToken cancellationToken)
    {
        var programmes = await db.Programmes.AsNoTracking().Include(p => p.Batches)
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Title).ToListAsync(cancellationToken);
        var counted = db.Applications.Where(a => a.Status != ApplicationStatus.Dibatalkan);
        var byKecamatan = await counted.GroupBy(a => new { a.BatchId, a.Kecamatan })
            .Select(g => new { g.Key.BatchId, g.Key.Kecamatan, Count = g.Count() }).ToListAsync(cancellationToken);
        var byEducation = await counted.GroupBy(a => new { a.BatchId, a.Education })
            .Select(g => new { g.Key.BatchId, g.Key.Education, Count = g.Count() }).ToListAsync(cancellationToken);

        var figures = new List<ProgrammeFigures>();
        foreach (var programme in programmes)
        {
            var programmeFigures = new ProgrammeFigures { Id = programme.Id, Title = programme.Title };
            foreach (var batch in programme.Batches.OrderBy(b => b.RegistrationOpensAtUtc).ThenBy(b => b.Id))
            {
                var batchFigures = new BatchFigures { Id = batch.Id, Name = batch.Name, Seats = batch.Seats, Accepted = batch.AcceptedCount };
                foreach (var group in byKecamatan.Where(g => g.BatchId == batch.Id))
                {
                    batchFigures.ByKecamatan[group.Kecamatan] = group.Count;
                }

                foreach (var group in byEducation.Where(g => g.BatchId == batch.Id))
                {
                    batchFigures.ByEducation[group.Education] = group.Count;
                }

                programmeFigures.Batches.Add(batchFigures);
            }

            figures.Add(programmeFigures);
        }

        return figures;
    }
}
