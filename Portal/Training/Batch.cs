using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;
using Portal.Content;

namespace Portal.Training;

/// <summary>One run (gelombang / angkatan) of a programme, with its seats, window and eligibility.</summary>
public class Batch
{
    public const int NameMaxLength = 200;

    public const int ProviderMaxLength = 200;

    public const int LocationMaxLength = 300;

    public const int DocumentsMax = 20;

    public const int DocumentMaxLength = 200;

    public int Id { get; set; }

    /// <summary>Stable key from the content file (e.g. "barista-apbd-2025-1").</summary>
    public required string Key { get; set; }

    public int ProgrammeId { get; set; }

    public Programme? Programme { get; set; }

    public required string Name { get; set; }

    public FundingSource Funding { get; set; }

    public required string Provider { get; set; }

    public required string Location { get; set; }

    /// <summary>Places in the training: acceptance never exceeds it.</summary>
    public int Seats { get; set; }

    /// <summary>Most applications taken for the batch, when it has a cap.</summary>
    public int? RegistrationCap { get; set; }

    /// <summary>
    /// Applications holding a registration place (all but withdrawn ones). Changed only by
    /// conditional updates in <see cref="ApplicationService"/>, so the cap holds under concurrency.
    /// </summary>
    public int ApplicationCount { get; set; }

    /// <summary>
    /// Applications holding a seat (Diterima, Selesai, Ditempatkan). Changed only by conditional
    /// updates in <see cref="ApplicationService.ChangeStatusAsync"/>, so it never exceeds
    /// <see cref="Seats"/>, also when two operators accept at the same moment.
    /// </summary>
    public int AcceptedCount { get; set; }

    public int SeatsLeft => Math.Max(0, Seats - AcceptedCount);

    public DateTime RegistrationOpensAtUtc { get; set; }

    /// <summary>Applications are taken until this instant (exclusive).</summary>
    public DateTime RegistrationClosesAtUtc { get; set; }

    /// <summary>Calendar dates in WIB.</summary>
    public DateOnly TrainingStartsOn { get; set; }

    public DateOnly TrainingEndsOn { get; set; }

    public int? MinAge { get; set; }

    public int? MaxAge { get; set; }

    public EducationLevel? MinEducation { get; set; }

    /// <summary>Only residents of Kota Serang may apply (the rule for APBD-funded batches).</summary>
    public bool ResidentsOnly { get; set; }

    /// <summary>Demo batch with dates relative to the day of import (Development only).</summary>
    public bool IsDemo { get; set; }

    public ContentOrigin Origin { get; set; }

    public string? ContentHash { get; set; }

    /// <summary>The office's recorded figures for a batch run on paper; null for batches run through the portal.</summary>
    public RecordedOutcome? RecordedOutcome { get; set; }

    /// <summary>What an applicant brings to the office (KTP, AK-1, ijazah…), one item each, in order.</summary>
    public List<string> RequiredDocuments { get; set; } = [];

    /// <summary>
    /// When an operator announced the selection results (see <see cref="SelectionResults"/>); from
    /// then on the batch's results page lists every decided application by its registration number.
    /// </summary>
    public DateTime? ResultsPublishedAtUtc { get; set; }

    /// <summary>Takes what the batch's author (a content file or an operator) states about it.</summary>
    public void SetTerms(BatchTerms terms)
    {
        (Name, Funding, Provider, Location, RegistrationCap, RegistrationOpensAtUtc, RegistrationClosesAtUtc,
            TrainingStartsOn, TrainingEndsOn, MinAge, MaxAge, MinEducation, ResidentsOnly, var documents) = terms;
        RequiredDocuments = [.. documents];
    }

    /// <summary>The deadline as people read it ("until 23.59"): the last minute still open.</summary>
    public DateTime LastRegistrationMinuteUtc => LastRegistrationMinute(RegistrationClosesAtUtc);

    /// <summary>
    /// The start of the last minute before the (exclusive) closing instant. Every closing instant
    /// the forms and content/ give falls on a whole minute, so this is the closing instant less a
    /// minute; it is also the instant whose WIB date is the last day of registration.
    /// </summary>
    public static DateTime LastRegistrationMinute(DateTime registrationClosesAtUtc)
    {
        var lastOpenTick = registrationClosesAtUtc.AddTicks(-1);
        return lastOpenTick.AddTicks(-(lastOpenTick.Ticks % TimeSpan.TicksPerMinute));
    }

    // The registration window, stated once: open from the opening instant (inclusive) until the
    // closing instant (exclusive). Written as expressions over (opens, closes, now) so that the
    // database runs exactly these comparisons (OpenAt, UpcomingAt) and memory runs them compiled
    // (StatusAt, also for a search hit, which knows only the window).
    private static readonly Expression<Func<DateTime, DateTime, DateTime, bool>> UpcomingRule = (opens, closes, now) => opens > now;
    private static readonly Expression<Func<DateTime, DateTime, DateTime, bool>> OpenRule = (opens, closes, now) => opens <= now && closes > now;
    private static readonly Func<DateTime, DateTime, DateTime, bool> IsUpcomingCompiled = UpcomingRule.Compile();
    private static readonly Func<DateTime, DateTime, DateTime, bool> IsOpenCompiled = OpenRule.Compile();

    public BatchStatus StatusAt(DateTime nowUtc) => StatusAt(RegistrationOpensAtUtc, RegistrationClosesAtUtc, nowUtc);

    /// <summary>The same rule for a batch known only by its window (a search hit).</summary>
    public static BatchStatus StatusAt(DateTime registrationOpensAtUtc, DateTime registrationClosesAtUtc, DateTime nowUtc) =>
        IsUpcomingCompiled(registrationOpensAtUtc, registrationClosesAtUtc, nowUtc) ? BatchStatus.Upcoming
        : IsOpenCompiled(registrationOpensAtUtc, registrationClosesAtUtc, nowUtc) ? BatchStatus.Open
        : BatchStatus.Closed;

    public bool IsOpenForRegistration(DateTime nowUtc) => StatusAt(nowUtc) == BatchStatus.Open;

    /// <summary>Batches taking applications at <paramref name="nowUtc"/>, as a query the database can run.</summary>
    public static Expression<Func<Batch, bool>> OpenAt(DateTime nowUtc) => ForBatches(OpenRule, nowUtc);

    /// <summary>Batches whose registration has not opened yet at <paramref name="nowUtc"/>, as a query the database can run.</summary>
    public static Expression<Func<Batch, bool>> UpcomingAt(DateTime nowUtc) => ForBatches(UpcomingRule, nowUtc);

    /// <summary>
    /// The window rule applied to a batch's columns. The instant is read from a closure, as if
    /// written inline in a query: EF makes it a SQL parameter, so one cached plan serves every instant.
    /// </summary>
    private static Expression<Func<Batch, bool>> ForBatches(Expression<Func<DateTime, DateTime, DateTime, bool>> rule, DateTime nowUtc)
    {
        var batch = Expression.Parameter(typeof(Batch), "b");
        Expression<Func<DateTime>> now = () => nowUtc;
        var body = new ReplacingExpressionVisitor(
            [.. rule.Parameters],
            [Expression.Property(batch, nameof(RegistrationOpensAtUtc)), Expression.Property(batch, nameof(RegistrationClosesAtUtc)), now.Body])
            .Visit(rule.Body);
        return Expression.Lambda<Func<Batch, bool>>(body, batch);
    }

    /// <summary>The batch's eligibility rules for one person, as Indonesian messages; empty when eligible.</summary>
    public List<string> EligibilityProblems(DateOnly dateOfBirth, EducationLevel education, bool livesInKotaSerang)
    {
        var problems = new List<string>();
        var age = Accounts.Ages.On(dateOfBirth, TrainingStartsOn);
        if ((MinAge is { } min && age < min) || (MaxAge is { } max && age > max))
        {
            problems.Add($"Usia Anda pada hari pertama pelatihan ({Wib.LongDate(TrainingStartsOn)}) adalah {age} tahun, sedangkan gelombang ini untuk {AgeRangeText()}.");
        }

        if (MinEducation is { } minEducation && education < minEducation)
        {
            problems.Add($"Gelombang ini mensyaratkan pendidikan terakhir minimal {minEducation.Label()}; pendidikan terakhir Anda {education.Label()}.");
        }

        if (ResidentsOnly && !livesInKotaSerang)
        {
            problems.Add("Gelombang ini dibiayai APBD Kota Serang dan khusus untuk warga yang berdomisili di Kota Serang; menurut profil Anda, Anda berdomisili di luar Kota Serang.");
        }

        return problems;
    }

    public string AgeRangeText() => (MinAge, MaxAge) switch
    {
        ({ } min, { } max) => $"usia {min}–{max} tahun",
        ({ } min, null) => $"usia minimal {min} tahun",
        (null, { } max) => $"usia maksimal {max} tahun",
        _ => "semua usia",
    };

    /// <summary>Whole WIB calendar days until registration closes: 0 on the last day.</summary>
    public int DaysLeftToRegister(DateTime nowUtc) =>
        Math.Max(0, Wib.DateOf(LastRegistrationMinuteUtc).DayNumber - Wib.DateOf(nowUtc).DayNumber);
}

public enum BatchStatus
{
    Upcoming,
    Open,
    Closed,
}

public static class BatchStatusText
{
    public static string Label(this BatchStatus status) => status switch
    {
        BatchStatus.Open => "Dibuka",
        BatchStatus.Upcoming => "Segera dibuka",
        _ => "Ditutup",
    };

    /// <summary>Bootstrap badge colours chosen for text contrast of at least 4.5:1.</summary>
    public static string BadgeClass(this BatchStatus status) => status switch
    {
        BatchStatus.Open => "text-bg-success",
        BatchStatus.Upcoming => "text-bg-warning",
        _ => "text-bg-secondary",
    };
}
