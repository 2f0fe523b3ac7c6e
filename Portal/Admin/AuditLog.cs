namespace Portal.Admin;

/// <summary>One line of the audit trail: who did what to which item, and when. Never changed or removed.</summary>
public class AuditEntry
{
    public long Id { get; set; }

    public DateTime AtUtc { get; set; }

    public string? ActorUserId { get; set; }

    /// <summary>The actor's name at the time, kept even if the account is later renamed or removed.</summary>
    public required string ActorName { get; set; }

    public AuditAction Action { get; set; }

    /// <summary>The item acted on, readable on its own ("Berita #12: Judul").</summary>
    public required string Target { get; set; }

    public string? Details { get; set; }
}

public enum AuditAction
{
    ArticlePublished,
    ArticleScheduled,
    ArticleUnpublished,
    ArticleArchived,
    ArticleRevisionRestored,
    ArticleSlugChanged,
    ProgrammeCreated,
    ProgrammeUpdated,
    BatchCreated,
    BatchUpdated,
    StaffAccountCreated,
    StaffRolesChanged,
    StaffAccountLocked,
    StaffAccountUnlocked,
    ApplicationStatusChanged,
    ApplicantsExported,
    NikReviewRequested,
    NikReviewCleared,
    SelectionResultsPublished,
    SearchRebuildRequested,
}

public static class AuditActionText
{
    public static string Label(this AuditAction action) => action switch
    {
        AuditAction.ArticlePublished => "Menerbitkan berita",
        AuditAction.ArticleScheduled => "Menjadwalkan berita",
        AuditAction.ArticleUnpublished => "Membatalkan penerbitan berita",
        AuditAction.ArticleArchived => "Mengarsipkan berita",
        AuditAction.ArticleRevisionRestored => "Memulihkan revisi berita",
        AuditAction.ArticleSlugChanged => "Mengubah alamat berita",
        AuditAction.ProgrammeCreated => "Membuat program",
        AuditAction.ProgrammeUpdated => "Mengubah program",
        AuditAction.BatchCreated => "Membuat gelombang",
        AuditAction.BatchUpdated => "Mengubah gelombang",
        AuditAction.StaffAccountCreated => "Membuat akun staf",
        AuditAction.StaffRolesChanged => "Mengubah peran staf",
        AuditAction.StaffAccountLocked => "Mengunci akun",
        AuditAction.StaffAccountUnlocked => "Membuka kunci akun",
        AuditAction.ApplicationStatusChanged => "Mengubah status lamaran",
        AuditAction.ApplicantsExported => "Mengekspor daftar pendaftar (CSV)",
        AuditAction.NikReviewRequested => "NIK perlu diperiksa",
        AuditAction.NikReviewCleared => "Menandai NIK sudah diperiksa",
        AuditAction.SelectionResultsPublished => "Mengumumkan hasil seleksi",
        AuditAction.SearchRebuildRequested => "Meminta indeks pencarian dibangun ulang di semua node",
        _ => action.ToString(),
    };
}

/// <summary>
/// The one writer of the audit trail. Append-only by construction: it can add entries and
/// nothing else, and no page or service updates or deletes them. An entry is staged in the same
/// DbContext as the change it records, so the caller's SaveChanges stores both or neither.
/// </summary>
public sealed class AuditLog(PortalDbContext db, TimeProvider clock)
{
    public void Record(StaffActor actor, AuditAction action, string target, string? details = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = Wib.UtcNow(clock),
            ActorUserId = actor.UserId,
            ActorName = Truncate(actor.Name, 256),
            Action = action,
            Target = Truncate(target, 300),
            Details = details is null ? null : Truncate(details, 2000),
        });

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
