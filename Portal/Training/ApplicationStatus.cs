namespace Portal.Training;

/// <summary>
/// Where an application stands, in order (PRODUCT.md): Diajukan → Diverifikasi → Diterima /
/// Cadangan / Ditolak → Selesai → Ditempatkan; Dibatalkan when withdrawn.
/// </summary>
public enum ApplicationStatus
{
    Diajukan = 1,
    Diverifikasi = 2,
    Diterima = 3,
    Cadangan = 4,
    Ditolak = 5,
    Selesai = 6,
    Ditempatkan = 7,
    Dibatalkan = 8,
}

public static class ApplicationStatuses
{
    private static readonly Dictionary<ApplicationStatus, ApplicationStatus[]> Next = new()
    {
        [ApplicationStatus.Diajukan] = [ApplicationStatus.Diverifikasi, ApplicationStatus.Ditolak, ApplicationStatus.Dibatalkan],
        [ApplicationStatus.Diverifikasi] = [ApplicationStatus.Diterima, ApplicationStatus.Cadangan, ApplicationStatus.Ditolak, ApplicationStatus.Dibatalkan],
        [ApplicationStatus.Cadangan] = [ApplicationStatus.Diterima, ApplicationStatus.Ditolak, ApplicationStatus.Dibatalkan],
        [ApplicationStatus.Diterima] = [ApplicationStatus.Selesai, ApplicationStatus.Dibatalkan],
        [ApplicationStatus.Selesai] = [ApplicationStatus.Ditempatkan],
        [ApplicationStatus.Ditolak] = [],
        [ApplicationStatus.Ditempatkan] = [],
        [ApplicationStatus.Dibatalkan] = [],
    };

    /// <summary>The statuses an application can move to from this one (staff choose among them).</summary>
    public static IReadOnlyList<ApplicationStatus> AllowedNext(this ApplicationStatus status) => Next[status];

    public static bool CanChangeTo(this ApplicationStatus from, ApplicationStatus to) => Next[from].Contains(to);

    /// <summary>Before a decision the applicant may withdraw; after it, only staff change the status.</summary>
    public static bool IsAwaitingDecision(this ApplicationStatus status) =>
        status is ApplicationStatus.Diajukan or ApplicationStatus.Diverifikasi;

    /// <summary>Counts towards the batch's registration cap (everything but a withdrawn application).</summary>
    public static bool TakesARegistrationPlace(this ApplicationStatus status) => status != ApplicationStatus.Dibatalkan;

    /// <summary>Holds one of the batch's seats: accepted, and what can only follow acceptance.</summary>
    public static bool HoldsASeat(this ApplicationStatus status) =>
        status is ApplicationStatus.Diterima or ApplicationStatus.Selesai or ApplicationStatus.Ditempatkan;

    public static string Label(this ApplicationStatus status) => status switch
    {
        ApplicationStatus.Diajukan => "Diajukan",
        ApplicationStatus.Diverifikasi => "Diverifikasi",
        ApplicationStatus.Diterima => "Diterima",
        ApplicationStatus.Cadangan => "Cadangan",
        ApplicationStatus.Ditolak => "Ditolak",
        ApplicationStatus.Selesai => "Selesai",
        ApplicationStatus.Ditempatkan => "Ditempatkan",
        _ => "Dibatalkan",
    };

    /// <summary>What the status means for the applicant, in one sentence.</summary>
    public static string Explanation(this ApplicationStatus status) => status switch
    {
        ApplicationStatus.Diajukan => "Lamaran Anda sudah kami terima dan menunggu pemeriksaan data.",
        ApplicationStatus.Diverifikasi => "Data Anda sudah diperiksa; lamaran menunggu keputusan seleksi.",
        ApplicationStatus.Diterima => "Selamat, Anda diterima sebagai peserta pelatihan.",
        ApplicationStatus.Cadangan => "Anda masuk daftar cadangan dan akan dihubungi bila ada tempat.",
        ApplicationStatus.Ditolak => "Maaf, lamaran Anda belum dapat diterima untuk gelombang ini.",
        ApplicationStatus.Selesai => "Anda telah menyelesaikan pelatihan.",
        ApplicationStatus.Ditempatkan => "Anda telah ditempatkan di perusahaan mitra.",
        _ => "Lamaran ini dibatalkan.",
    };

    /// <summary>Bootstrap badge colours with text contrast of at least 4.5:1.</summary>
    public static string BadgeClass(this ApplicationStatus status) => status switch
    {
        ApplicationStatus.Diterima or ApplicationStatus.Selesai or ApplicationStatus.Ditempatkan => "text-bg-success",
        ApplicationStatus.Cadangan => "text-bg-warning",
        ApplicationStatus.Ditolak or ApplicationStatus.Dibatalkan => "text-bg-secondary",
        _ => "text-bg-primary",
    };
}
