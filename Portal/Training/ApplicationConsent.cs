namespace Portal.Training;

/// <summary>
/// The notice shown before the consent checkbox on the apply page (UU PDP No. 27/2022, Art. 21:
/// purpose, data, retention, rights). The version is stored with each application as proof of
/// which text was accepted (Art. 22, 24): change the text only together with a new version, and
/// say here what changed (git keeps every earlier text).
/// <list type="bullet">
/// <item>2025-11.1: the first text.</item>
/// <item>2026-12.1: "Hak Anda" names where to ask or object: the contact page and the FAQ, linked.</item>
/// </list>
/// </summary>
public static class ApplicationConsent
{
    public const string Version = "2026-12.1";

    public const int AdultAge = 18;

    public const string Title = "Persetujuan pemrosesan data pribadi";

    private const string ContactPage = "/Help/Contact";

    private const string FaqPage = "/Help/Faq";

    /// <summary>Each section's text in parts; a part with a page is shown as a link to it.</summary>
    public static readonly IReadOnlyList<(string Heading, IReadOnlyList<ConsentPart> Text)> Sections =
    [
        ("Siapa yang memproses data Anda",
            [new("Dinas Tenaga Kerja dan Transmigrasi (Disnakertrans) Kota Serang sebagai pengendali data pribadi, bersama penyelenggara pelatihan gelombang ini (BBPVP Serang atau LPK mitra) yang menerima data pendaftar untuk keperluan seleksi dan pelaksanaan pelatihan.")]),
        ("Data yang kami kumpulkan",
            [new("Nama lengkap, NIK, tanggal lahir, jenis kelamin, nomor HP, alamat, kecamatan domisili, pendidikan terakhir, status pekerjaan, alamat email, motivasi yang Anda tulis, serta riwayat status lamaran Anda.")]),
        ("Untuk apa data digunakan",
            [new("Memeriksa syarat peserta, menyeleksi dan menghubungi pendaftar, menyelenggarakan pelatihan, menyalurkan peserta yang lulus ke perusahaan mitra, dan menyusun laporan statistik program tanpa identitas pribadi. Data tidak dijual dan tidak digunakan untuk keperluan lain.")]),
        ("Berapa lama data disimpan",
            [new("Selama akun Anda ada. Jika Anda menghapus akun, profil dan data pribadi dihapus; yang tersisa dari lamaran hanya data statistik tanpa identitas (kecamatan, pendidikan, jenis kelamin, usia) agar laporan program tetap benar.")]),
        ("Hak Anda",
            [
                new("Anda berhak melihat dan memperbaiki data Anda (halaman Profil), mengunduh seluruh data Anda dan menghapus akun (halaman Data pribadi), serta membatalkan lamaran sebelum ada keputusan seleksi (halaman Lamaran saya). Untuk pertanyaan atau keberatan, hubungi kantor Disnakertrans Kota Serang melalui halaman "),
                new("Kontak dan pengaduan", ContactPage),
                new(", atau baca dahulu "),
                new("Tanya jawab", FaqPage),
                new("."),
            ]),
        ("Pendaftar di bawah 18 tahun",
            [new("Jika Anda belum berusia 18 tahun pada hari mendaftar, pendaftaran memerlukan persetujuan orang tua atau wali Anda.")]),
    ];

    public const string ConsentStatement =
        "Saya telah membaca penjelasan di atas dan menyetujui pemrosesan data pribadi saya untuk pendaftaran pelatihan ini.";

    public const string GuardianStatement =
        "Orang tua atau wali saya telah membaca penjelasan di atas dan menyetujui pendaftaran serta pemrosesan data pribadi saya.";
}

/// <summary>A piece of a consent section's text; with <paramref name="Page"/> (a Razor page name) it is a link to that page.</summary>
public sealed record ConsentPart(string Text, string? Page = null);
