namespace Portal.Tests.Search;

/// <summary>After the last shipped press release (20 December 2025), so every article is public.</summary>
public sealed class ShippedContentFactory : PortalFactory
{
    public ShippedContentFactory() => Clock.SetUtcNow(new DateTimeOffset(2026, 1, 10, 10, 0, 0, TimeSpan.FromHours(7)));
}

/// <summary>
/// The relevance test set: what citizens type, over the shipped content, and what must come
/// first (top: 1) or in the first three (top: 3). Expected items are written as
/// "berita:slug", "program:slug", "gelombang:key" or "halaman:/address"; any of several may satisfy a query.
/// </summary>
public class SearchRelevanceTests(ShippedContentFactory factory) : IClassFixture<ShippedContentFactory>
{
    public static TheoryData<string, int, string[]> Queries => new()
    {
        // Programme names and what people call them.
        { "pelatihan barista", 1, ["program:barista"] },
        { "digital marketing", 1, ["program:digital-marketing"] },
        { "pemasaran media sosial", 1, ["program:digital-marketing"] },
        { "screen printing", 3, ["program:sablon"] },
        { "\"public speaking\"", 1, ["program:public-speaking"] },
        // Typos and prefixes.
        { "barsita", 3, ["program:barista"] },
        { "barist*", 3, ["program:barista"] },
        { "pelatihan sabln", 3, ["program:sablon"] },
        // Affixed forms: meracik → racik, dilatih → latih, penempatan/ditempatkan → tempat, menulis → tulis.
        { "racik kopi", 3, ["berita:16-pencaker-mulai-dilatih-meracik-kopi-di-pelatihan-barista"] },
        { "dilatih meracik kopi", 1, ["berita:16-pencaker-mulai-dilatih-meracik-kopi-di-pelatihan-barista"] },
        { "penempatan perusahaan mitra", 3, ["berita:lulusan-pelatihan-soft-skill-apbd-mulai-ditempatkan-di-perusahaan-mitra", "berita:36-pencaker-ikuti-pelatihan-soft-skill-siap-ditempatkan"] },
        { "ditempatkan", 3, ["berita:lulusan-pelatihan-soft-skill-apbd-mulai-ditempatkan-di-perusahaan-mitra", "berita:36-pencaker-ikuti-pelatihan-soft-skill-siap-ditempatkan"] },
        { "menulis teks promosi", 1, ["program:digital-marketing"] },
        { "peserta uji presentasi", 1, ["berita:peserta-pelatihan-public-speaking-uji-kemampuan-presentasi-dan-wawancara"] },
        // Funding words.
        { "pencaker APBN", 3, ["berita:bbpvp-serang-buka-pendaftaran-empat-pelatihan-berbasis-apbn", "berita:36-pencaker-ikuti-pelatihan-soft-skill-siap-ditempatkan"] },
        { "soft skill APBD", 3, ["berita:pendaftaran-pelatihan-soft-skill-apbd-dibuka-untuk-warga-kota-serang", "berita:20-pencaker-ikuti-pelatihan-soft-skill-bersama-lpk-hasna-jaya-sejahtera", "gelombang:soft-skill-apbd-2025-1"] },
        { "pendaftaran barista APBD", 3, ["berita:pendaftaran-pelatihan-barista-apbd-dibuka-kuota-16-peserta"] },
        { "daftar sablon 2025", 3, ["berita:pelatihan-sablon-screen-printing-bekali-pencaker-peluang-usaha", "gelombang:sablon-apbn-2025-1"] },
        { "anggaran pendapatan dan belanja negara", 3, ["berita:bbpvp-serang-buka-pendaftaran-empat-pelatihan-berbasis-apbn"] },
        // Synonyms: LPK, BBPVP, pencaker.
        { "akreditasi LPK", 1, ["berita:disnakertrans-kota-serang-dorong-lpk-segera-terakreditasi"] },
        { "lembaga pelatihan kerja terakreditasi", 1, ["berita:disnakertrans-kota-serang-dorong-lpk-segera-terakreditasi"] },
        { "balai besar pelatihan vokasi empat pelatihan", 3, ["berita:bbpvp-serang-buka-pendaftaran-empat-pelatihan-berbasis-apbn"] },
        { "pencari kerja 120", 1, ["berita:sepanjang-2025-disnakertrans-dan-bbpvp-serang-latih-120-pencari-kerja"] },
        // Names, topics and how-tos.
        // The FAQ's question and the article both answer it.
        { "kartu kuning", 1, ["berita:cara-membuat-kartu-kuning-ak-1-bagi-pencari-kerja-kota-serang", "halaman:/tanya-jawab#kartu-kuning-ak-1"] },
        { "AK-1", 1, ["berita:cara-membuat-kartu-kuning-ak-1-bagi-pencari-kerja-kota-serang", "halaman:/tanya-jawab#kartu-kuning-ak-1"] },
        { "cara daftar pelatihan lewat portal", 1, ["berita:cara-mendaftar-pelatihan-kerja-lewat-portal-pelatihan-kota-serang"] },
        { "bursa kerja", 1, ["berita:bursa-kerja-kota-serang-2025-pertemukan-pencaker-dan-perusahaan"] },
        { "Hasna Jaya Sejahtera", 3, ["berita:20-pencaker-ikuti-pelatihan-soft-skill-bersama-lpk-hasna-jaya-sejahtera", "berita:36-pencaker-ikuti-pelatihan-soft-skill-siap-ditempatkan"] },
        { "latte art", 3, ["berita:penutupan-pelatihan-barista-peserta-unjuk-keterampilan-latte-art"] },
        { "kedai kopi simulasi", 1, ["berita:peserta-pelatihan-barista-bbpvp-serang-belajar-kelola-kedai-kopi"] },
        { "kaus motif Banten", 1, ["berita:peserta-pelatihan-sablon-bbpvp-serang-cetak-kaus-motif-khas-banten"] },
        { "wawancara kerja public speaking APBN", 1, ["berita:pelatihan-public-speaking-apbn-ditutup-16-peserta-siap-hadapi-wawancara-kerja"] },
        { "36 pencaker", 1, ["berita:36-pencaker-ikuti-pelatihan-soft-skill-siap-ditempatkan"] },
        { "gelombang II barista", 3, ["gelombang:barista-apbn-2025-1"] },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Search_finds_the_expected_result_near_the_top(string query, int top, string[] expected)
    {
        await factory.SearchCaughtUpAsync();
        var expectedUrls = new List<string>();
        foreach (var item in expected)
        {
            expectedUrls.Add(await UrlOfAsync(item));
        }

        var urls = factory.Search(query).Urls();

        Assert.True(urls.Take(top).Intersect(expectedUrls).Any(),
            $"'{query}': expected {string.Join(" or ", expected)} in the top {top}, got:\n  {string.Join("\n  ", urls.Take(5))}");
    }

    [Fact]
    public void The_set_has_at_least_25_queries() => Assert.True(Queries.Count >= 25);

    private async Task<string> UrlOfAsync(string item)
    {
        var (kind, key) = (item[..item.IndexOf(':', StringComparison.Ordinal)], item[(item.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        return kind switch
        {
            "berita" => $"/berita/{key}",
            "program" => $"/pelatihan/{key}",
            "halaman" => key,
            _ => await factory.WithDbAsync(async db =>
            {
                var batch = await db.Batches.Include(b => b.Programme).SingleAsync(b => b.Key == key);
                return $"/pelatihan/{batch.Programme!.Slug}?gelombang={batch.Key}#gelombang-{batch.Key}";
            }),
        };
    }
}
