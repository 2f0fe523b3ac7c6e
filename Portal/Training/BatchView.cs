namespace Portal.Training;

/// <summary>A batch as the public pages show it: status and texts computed for the moment of the request.</summary>
public sealed record BatchView(Batch Batch, string ProgrammeSlug, string ProgrammeTitle, BatchStatus Status, string DaysLeftText, string EligibilityText)
{
    /// <summary>
    /// The card's id on the programme page, which is the batch's page: its stable key, never its
    /// row id, since the address is shared.
    /// </summary>
    public string Anchor => AnchorOf(Batch.Key);

    /// <summary>Where the registration stands, as link previews and shared messages say it.</summary>
    public string RegistrationText => RegistrationSentence(Batch, Status);

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

    public static string AnchorOf(string batchKey) => $"gelombang-{batchKey}";

    /// <summary>"Pendaftaran dibuka s.d. Rabu, 16 Desember 2026 pukul 23.59 WIB.", or when it opens, or that it is closed.</summary>
    public static string RegistrationSentence(Batch batch, BatchStatus status) => status switch
    {
        BatchStatus.Open => $"Pendaftaran dibuka s.d. {Wib.LongDateTime(batch.LastRegistrationMinuteUtc)}.",
        BatchStatus.Upcoming => $"Pendaftaran dibuka mulai {Wib.LongDateTime(batch.RegistrationOpensAtUtc)}.",
        _ => "Pendaftaran sudah ditutup.",
    };

    /// <summary>
    /// A programme's link-preview text: where the shared batch stands, or else its first batch
    /// (open, else opening soon, else the latest closed: <see cref="TrainingQueries.Ordered"/>),
    /// then its summary.
    /// </summary>
    public static string ShareDescription(Programme programme, IReadOnlyList<BatchView> ordered, string? sharedBatchKey = null) =>
        (ordered.FirstOrDefault(v => v.Batch.Key == sharedBatchKey) ?? (ordered.Count > 0 ? ordered[0] : null)) is { } batch
            ? $"{batch.RegistrationText} {programme.Summary}"
            : programme.Summary;

    /// <summary>A WhatsApp message with the text and, on its own line, the address.</summary>
    public static string WhatsAppShare(string text, string absoluteUrl) => WhatsAppLinks.Share($"{text}\n{absoluteUrl}");

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
