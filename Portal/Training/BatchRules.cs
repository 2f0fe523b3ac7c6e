namespace Portal.Training;

/// <summary>A way a batch's dates or eligibility can be inconsistent.</summary>
public enum BatchProblem
{
    RegistrationClosesBeforeItOpens,
    RegistrationClosesAfterTrainingStarts,
    TrainingEndsBeforeItStarts,
    AgeOutOfRange,
    MinAgeAboveMaxAge,
}

/// <summary>
/// Consistency rules for a batch's dates and eligibility, shared by the importer (which logs the
/// English text for whoever maintains content/) and the staff forms (which show the Indonesian
/// text beside the field concerned).
/// </summary>
public static class BatchRules
{
    public static BatchProblem? FindDateProblem(DateTime opensUtc, DateTime closesUtc, DateOnly trainingStarts, DateOnly trainingEnds)
    {
        if (closesUtc <= opensUtc)
        {
            return BatchProblem.RegistrationClosesBeforeItOpens;
        }

        if (Wib.DateOf(Batch.LastRegistrationMinute(closesUtc)) >= trainingStarts)
        {
            return BatchProblem.RegistrationClosesAfterTrainingStarts;
        }

        return trainingEnds < trainingStarts ? BatchProblem.TrainingEndsBeforeItStarts : null;
    }

    public static BatchProblem? FindAgeProblem(int? minAge, int? maxAge)
    {
        if (minAge is < 0 or > 100 || maxAge is < 0 or > 100)
        {
            return BatchProblem.AgeOutOfRange;
        }

        return minAge > maxAge ? BatchProblem.MinAgeAboveMaxAge : null;
    }

    public static string? CheckDates(DateTime opensUtc, DateTime closesUtc, DateOnly trainingStarts, DateOnly trainingEnds) =>
        FindDateProblem(opensUtc, closesUtc, trainingStarts, trainingEnds)?.Describe();

    public static string? CheckAges(int? minAge, int? maxAge) => FindAgeProblem(minAge, maxAge)?.Describe();

    /// <summary>English, for the content import log.</summary>
    public static string Describe(this BatchProblem problem) => problem switch
    {
        BatchProblem.RegistrationClosesBeforeItOpens => "registration must close after it opens",
        BatchProblem.RegistrationClosesAfterTrainingStarts => "registration must close before the first training day",
        BatchProblem.TrainingEndsBeforeItStarts => "training cannot end before it starts",
        BatchProblem.AgeOutOfRange => "ages must be between 0 and 100",
        _ => "min_age cannot be above max_age",
    };

    /// <summary>Indonesian, for staff filling in the batch form.</summary>
    public static string Message(this BatchProblem problem) => problem switch
    {
        BatchProblem.RegistrationClosesBeforeItOpens => "Pendaftaran harus ditutup setelah dibuka.",
        BatchProblem.RegistrationClosesAfterTrainingStarts => "Pendaftaran harus ditutup sebelum hari pertama pelatihan.",
        BatchProblem.TrainingEndsBeforeItStarts => "Pelatihan tidak dapat berakhir sebelum dimulai.",
        BatchProblem.AgeOutOfRange => "Batas usia harus di antara 0 dan 100 tahun.",
        _ => "Usia minimal tidak boleh lebih dari usia maksimal.",
    };
}
