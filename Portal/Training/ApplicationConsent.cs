namespace Portal.Training;

/// <summary>
/// The notice shown before the consent checkbox on the apply page (UU PDP No. 27/2022, Art. 21:
/// purpose, data, retention, rights). The version is stored with each application as proof of
/// which text was accepted (Art. 22, 24): change the text only together with a new version.
/// </summary>
public static class ApplicationConsent
{
    public const string Version = "2025-11.1";

    public const int AdultAge = 18;

    public const string Title = "Persetujuan pemrosesan data pribadi";

    public static readonly IReadOnlyList<(string Heading, string Text)> Sections =
    [
        ("Siapa yang memproses data Anda",
            "Dinas Tenaga Kerja dan Transmigrasi (Disnakertrans) Kota Serang sebagai pengendali data pribadi, bersama penyelenggara pelatihan gelombang ini (BBPVP Serang atau LPK mitra) yang menerima data pendaftar untuk keperluan seleksi dan pelaksanaan pelatihan."),
        ("Data yang kami kumpulkan",
            "Nama lengkap, NIK, tanggal lahir, jenis kelamin, nomor HP, alamat, kecamatan domisili, pendidikan terakhir, status pekerjaan, alamat email, motivasi yang Anda tulis, serta riwayat status lamaran Anda."),
        ("Untuk apa data digunakan",
            "Memeriksa syarat peserta, menyeleksi dan menghubungi pendaftar, menyelenggarakan pelatihan, menyalurkan peserta yang lulus ke perusahaan mitra, dan menyusun laporan statistik program tanpa identitas pribadi. Data tidak dijual dan tidak digunakan untuk keperluan lain."),
        ("Berapa lama data disimpan",
            "Selama akun Anda ada. Jika Anda menghapus akun, profil dan data pribadi dihapus; yang tersisa dari lamaran hanya data statistik tanpa identitas (kecamatan, pendidikan, jenis kelamin, usia) agar laporan program tetap benar."),
        ("Hak Anda",
            "Anda berhak melihat dan memperbaiki data Anda (halaman Profil), mengunduh seluruh data Anda dan menghapus akun (halaman Data pribadi), serta membatalkan lamaran sebelum ada keputusan seleksi (halaman Lamaran saya). Untuk pertanyaan atau keberatan, hubungi kantor Disnakertrans Kota Serang."),
        ("Pendaftar di bawah 18 tahun",
            "Jika Anda belum berusia 18 tahun pada hari mendaftar, pendaftaran memerlukan persetujuan orang tua atau wali Anda."),
    ];

    public const string ConsentStatement =
        "Saya telah membaca penjelasan di atas dan menyetujui pemrosesan data pribadi saya untuk pendaftaran pelatihan ini.";

    public const string GuardianStatement =
        "Orang tua atau wali saya telah membaca penjelasan di atas dan menyetujui pendaftaran serta pemrosesan data pribadi saya.";
}
