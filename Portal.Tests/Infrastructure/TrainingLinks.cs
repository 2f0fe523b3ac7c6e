namespace Portal.Tests.Infrastructure;

/// <summary>The public training addresses PRODUCT.md promises, written here on their own (see <see cref="AccountLinks"/>).</summary>
public static class TrainingLinks
{
    public static string Programme(string slug) => $"/pelatihan/{slug}";

    public static string Apply(string programmeSlug, int batchId) => $"/pelatihan/{programmeSlug}/gelombang/{batchId}/daftar";

    public const string Agenda = "/agenda";

    public const string AgendaCalendar = "/agenda.ics";

    public static string BatchCalendar(string programmeSlug, string batchKey) => $"/agenda/{programmeSlug}/{batchKey}.ics";

    public static string Remind(string programmeSlug, string batchKey) => $"/pelatihan/{programmeSlug}/gelombang/{batchKey}/ingatkan";

    public static string Proof(string registrationNumber) => $"/akun/lamaran/{registrationNumber}";

    public static string Verification(string registrationNumber) => $"/verifikasi/{registrationNumber}";

    public static string Results(string programmeSlug, string batchKey) => $"/pelatihan/{programmeSlug}/gelombang/{batchKey}/hasil";
}
