using Portal.Training;

namespace Portal.Statistics;

/// <summary>Applicants and how far they got: the funnel every outcome table shows.</summary>
public readonly record struct Outcome(long Applicants, long Accepted, long Completed, long Placed)
{
    public static Outcome Of(ApplicationStatus status, long count) => new(
        count,
        status.HoldsASeat() ? count : 0,
        status is ApplicationStatus.Selesai or ApplicationStatus.Ditempatkan ? count : 0,
        status == ApplicationStatus.Ditempatkan ? count : 0);

    public static Outcome Of(RecordedOutcome recorded) => new(recorded.Applicants, recorded.Participants, recorded.Completed, recorded.Placed);

    public static Outcome operator +(Outcome a, Outcome b) =>
        new(a.Applicants + b.Applicants, a.Accepted + b.Accepted, a.Completed + b.Completed, a.Placed + b.Placed);
}

/// <summary>A programme a visitor may choose in the filter.</summary>
public sealed record ProgrammeChoice(string Slug, string Title);

/// <summary>
/// Everything /statistik shows for one filter, computed once and cached (see <see cref="TrainingStatistics"/>).
/// <see cref="Threshold"/> is null for the staff view, where nothing is suppressed.
/// </summary>
public sealed record StatisticsReport(
    StatisticsFilter Filter,
    int? Threshold,
    IReadOnlyList<PublishedTable> Tables,
    IReadOnlyList<string> RecordedBatches,
    IReadOnlyList<int> Years,
    IReadOnlyList<ProgrammeChoice> Programmes,
    DateTime LastModifiedUtc,
    DateTime GeneratedAtUtc)
{
    /// <summary>Why tables are missing from a narrowed public view (see <see cref="TrainingStatistics.NarrowedNotice"/>).</summary>
    public string? Notice { get; init; }

    /// <summary>The headline figures: the funding table's total row (batches, seats, applicants … rates).</summary>
    public PublishedTable Summary => Tables.Single(t => t.Key == TrainingStatistics.FundingTable);

    public PublishedTable? Table(string key) => Tables.FirstOrDefault(t => t.Key == key);
}
