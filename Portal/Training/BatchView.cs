namespace Portal.Training;

/// <summary>A batch as the public pages show it: status and texts computed for the moment of the request.</summary>
public sealed record BatchView(Batch Batch, string ProgrammeSlug, string ProgrammeTitle, BatchStatus Status, string DaysLeftText, string EligibilityText)
{
    public bool ShowProgramme { get; init; }

    /// <summary>The card's "Daftar" button; off on the apply page itself.</summary>
    public bool OfferApply { get; init; } = true;

    public static BatchView Create(Batch batch, Programme programme, DateTime nowUtc, bool showProgramme = false)
    {
        var status = batch.StatusAt(nowUtc);
        var daysLeft = batch.DaysLeftToRegister(nowUtc);
        var daysLeftText = daysLeft == 0 ? "Hari terakhir pendaftaran" : $"Sisa {daysLeft} hari lagi";
        return new BatchView(batch, programme.Slug, programme.Title, status, daysLeftText, Eligibility(batch)) { ShowProgramme = showProgramme };
    }

    private static string Eligibility(Batch batch)
    {
        var parts = new List<string>();
        if (batch.MinAge is { } min && batch.MaxAge is { } max)
        {
            parts.Add($"usia {min}–{max} tahun");
        }
        else if (batch.MinAge is { } onlyMin)
        {
            parts.Add($"usia minimal {onlyMin} tahun");
        }
        else if (batch.MaxAge is { } onlyMax)
        {
            parts.Add($"usia maksimal {onlyMax} tahun");
        }

        if (batch.MinEducation is { } education)
        {
            parts.Add($"pendidikan minimal {education.Label()}");
        }

        parts.Add(batch.ResidentsOnly ? "khusus warga berdomisili di Kota Serang" : "terbuka untuk umum");
        var text = string.Join(", ", parts);
        return char.ToUpper(text[0], Wib.Culture) + text[1..];
    }
}
