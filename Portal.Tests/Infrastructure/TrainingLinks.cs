namespace Portal.Tests.Infrastructure;

/// <summary>The public training addresses PRODUCT.md promises, written here on their own (see <see cref="AccountLinks"/>).</summary>
public static class TrainingLinks
{
    public static string Programme(string slug) => $"/pelatihan/{slug}";

    public static string Apply(string programmeSlug, int batchId) => $"/pelatihan/{programmeSlug}/gelombang/{batchId}/daftar";

    public static string Proof(string registrationNumber) => $"/akun/lamaran/{registrationNumber}";

    public static string Verification(string registrationNumber) => $"/verifikasi/{registrationNumber}";

    public static string Results(string programmeSlug, string batchKey) => $"/pelatihan/{programmeSlug}/gelombang/{batchKey}/hasil";
}
