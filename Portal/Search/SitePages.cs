namespace Portal.Search;

/// <summary>
/// A page of the site that is not stored in the database but should be found by search like an
/// article: its title and description as the result shows them, and the words people type for
/// its subject. <paramref name="PageName"/> is the Razor page ("/Statistics/Index"): its address
/// comes from its @page directive through <see cref="SiteLinks"/>, never written here.
/// </summary>
/// <param name="Name">Stable key in the index ("statistik"); renaming it leaves nothing behind, as every start replaces all site pages.</param>
public sealed record SitePage(string Name, string PageName, string Title, string Description, string Keywords);

/// <summary>
/// The fixed pages search lists. Adding one here is all a new page (a FAQ, a contact page) needs:
/// a rebuild indexes the list with everything else, and every start replaces the site pages of
/// an index it reuses, so a deployment that changes the list needs no rebuild.
/// </summary>
public static class SitePages
{
    public static IReadOnlyList<SitePage> All { get; } =
    [
        new(
            "statistik",
            "/Statistics/Index",
            "Statistik pelatihan kerja",
            "Data terbuka pelatihan kerja Kota Serang: berapa pencari kerja mendaftar, diterima, selesai dan ditempatkan, per program, gelombang, kecamatan dan sumber dana APBD atau APBN, dengan grafik, tabel dan unduhan CSV dan JSON.",
            "statistik, data peserta, data terbuka, jumlah peserta, jumlah pencaker dilatih, jumlah pencari kerja dilatih, angka pelatihan, open data, Satu Data Indonesia"),
        new(
            "tanya-jawab",
            "/Help/Faq",
            "Tanya jawab (FAQ)",
            "Jawaban atas pertanyaan yang sering diajukan pencari kerja: kartu kuning (AK-1), biaya, sertifikat, uang transport, penempatan kerja, data pribadi dan cara mendaftar.",
            "tanya jawab, FAQ, pertanyaan, bantuan, panduan"),
        new(
            "kontak",
            "/Help/Contact",
            "Kontak dan pengaduan",
            "Alamat, telepon, WhatsApp, email dan jam layanan Disnakertrans Kota Serang, serta pengaduan pelayanan publik lewat SP4N-LAPOR!.",
            "kontak, hubungi, alamat kantor, nomor telepon, nomor WhatsApp, email, jam layanan, jam buka, pengaduan, keluhan, lapor, LAPOR, SP4N-LAPOR"),
    ];
}
