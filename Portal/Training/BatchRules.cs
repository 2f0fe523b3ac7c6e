namespace Portal.Training;

/// <summary>A way a batch's dates or eligibility can be inconsistent.</summary>
public enum BatchProblem
{
    RegistrationClosesBeforeItOpens,
    RegistrationClosesAfterTrainingStarts,
    TrainingEndsBeforeItStarts,
    AgeOutOfRange,
    MinAgeAboveMaxAge,
    TooManyDocuments,
    DocumentTooLong,
    DocumentRepeated,
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

    /// <summary>A list a person can read on a card and bring to the office: short lines, not repeated, not endless.</summary>
    public static BatchProblem? FindDocumentsProblem(IReadOnlyList<string> documents)
    {
        if (documents.Count > Batch.DocumentsMax)
        {
            return BatchProblem.TooManyDocuments;
        }

        if (documents.Any(d => d.Length > Batch.DocumentMaxLength))
        {
            return BatchProblem.DocumentTooLong;
        }

        return documents.Distinct(StringComparer.OrdinalIgnoreCase).Count() != documents.Count ? BatchProblem.DocumentRepeated : null;
    }

    /// <summary>The documents as typed or written: one per line or item, trimmed, empty ones left out.</summary>
    public static List<string> CleanDocuments(IEnumerable<string?> lines) =>
        lines.Select(l => l?.Trim() ?? string.Empty).Where(l => l.Length > 0).ToList();

    public static string? CheckDocuments(IReadOnlyList<string> documents) => FindDocumentsProblem(documents)?.Describe();

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
        BatchProblem.TooManyDocuments => $"documents may list at most {Batch.DocumentsMax} items",
        BatchProblem.DocumentTooLong => $"each item of documents must be at most {Batch.DocumentMaxLength} characters",
        BatchProblem.DocumentRepeated => "documents lists the same item twice",
        _ => "min_age cannot be above max_age",
    };

    /// <summary>Indonesian, for staff filling in the batch form.</summary>
    public static string Message(this BatchProblem problem) => problem switch
    {
        BatchProblem.RegistrationClosesBeforeItOpens => "Pendaftaran harus ditutup setelah dibuka.",
        BatchProblem.RegistrationClosesAfterTrainingStarts => "Pendaftaran harus ditutup sebelum hari pertama pelatihan.",
        BatchProblem.TrainingEndsBeforeItStarts => "Pelatihan tidak dapat berakhir sebelum dimulai.",
        BatchProblem.AgeOutOfRange => "Batas usia harus di antara 0 dan 100 tahun.",
        BatchProblem.TooManyDocuments => $"Paling banyak {Batch.DocumentsMax} dokumen.",
        BatchProblem.DocumentTooLong => $"Setiap dokumen paling panjang {Batch.DocumentMaxLength} karakter per baris.",
        BatchProblem.DocumentRepeated => "Ada dokumen yang ditulis dua kali.",
        _ => "Usia minimal tidak boleh lebih dari usia maksimal.",
    };
}
