using System.Buffers.Binary;
using System.Globalization;

namespace Portal.Tests.Training;

/// <summary>What a link to a programme carries when it is shared: the deadline, a WhatsApp button, the programme's own card.</summary>
public class SharingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Registration window in WIB; the test clock stands at Wednesday 26 November 2025, 10.00 WIB.</summary>
    public static TheoryData<string, string, string, string> Windows => new()
    {
        { "open", "2025-11-20 08:00", "2026-12-16 23:59", "Pendaftaran dibuka s.d. Rabu, 16 Desember 2026 pukul 23.59 WIB." },
        { "upcoming", "2026-01-05 08:00", "2026-01-20 23:59", "Pendaftaran dibuka mulai Senin, 5 Januari 2026 pukul 08.00 WIB." },
        { "closed", "2025-10-01 08:00", "2025-10-15 23:59", "Pendaftaran sudah ditutup." },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public async Task A_programme_link_preview_says_where_registration_stands(string name, string opens, string closes, string expected)
    {
        var programme = TestData.Programme();
        var batch = TestData.Batch(programme, DateTime.Parse(opens, CultureInfo.InvariantCulture), DateTime.Parse(closes, CultureInfo.InvariantCulture));
        batch.Name = $"Gelombang {name}";
        await factory.AddAsync(batch);

        var page = await factory.CreatePortalClient().GetPageAsync(TrainingLinks.Programme(programme.Slug));

        Assert.Equal($"{expected} {programme.Summary}", page.Meta("og:description"));
        Assert.Equal(page.Meta("og:description"), page.Meta("description"));
    }

    [Fact]
    public async Task The_programme_and_each_batch_offer_a_whatsapp_link_with_the_title_the_deadline_and_the_address()
    {
        var programme = TestData.Programme();
        var batch = TestData.Batch(programme, new DateTime(2025, 11, 20, 8, 0, 0), new DateTime(2026, 12, 16, 23, 59, 0));
        await factory.AddAsync(batch);
        var address = $"http://localhost{TrainingLinks.Programme(programme.Slug)}";

        var page = await factory.CreatePortalClient().GetPageAsync(TrainingLinks.Programme(programme.Slug));

        var links = page.QuerySelectorAll("main a").Where(a => a.TextContent.StartsWith("Bagikan ke WhatsApp", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, links.Count);
        var texts = links.Select(a => a.GetAttribute("href")!).Select(href =>
        {
            Assert.StartsWith("https://wa.me/?text=", href, StringComparison.Ordinal);
            return Uri.UnescapeDataString(href["https://wa.me/?text=".Length..]);
        }).ToList();
        Assert.Equal($"{programme.Title}. Pendaftaran dibuka s.d. Rabu, 16 Desember 2026 pukul 23.59 WIB.\n{address}", texts[0]);
        Assert.Equal($"{programme.Title}, {batch.Name}. Pendaftaran dibuka s.d. Rabu, 16 Desember 2026 pukul 23.59 WIB.\n{address}?gelombang={batch.Key}#gelombang-{batch.Key}", texts[1]);
    }

    [Fact]
    public async Task A_batchs_shared_link_previews_that_batchs_deadline_not_the_programmes_first_batch()
    {
        var programme = TestData.Programme();
        var open = TestData.Batch(programme, new DateTime(2025, 11, 20, 8, 0, 0), new DateTime(2026, 12, 16, 23, 59, 0));
        var upcoming = TestData.Batch(programme, new DateTime(2026, 1, 5, 8, 0, 0), new DateTime(2026, 1, 20, 23, 59, 0));
        await factory.AddAsync(open, upcoming);
        var client = factory.CreatePortalClient();

        // The programme page (cached) first, so the batch's address must not be answered from its entry.
        var programmePage = await client.GetPageAsync(TrainingLinks.Programme(programme.Slug));
        var shared = await client.GetPageAsync($"{TrainingLinks.Programme(programme.Slug)}?gelombang={upcoming.Key}");
        var unknown = await client.GetPageAsync($"{TrainingLinks.Programme(programme.Slug)}?gelombang=tidak-ada");

        Assert.Equal($"Pendaftaran dibuka s.d. Rabu, 16 Desember 2026 pukul 23.59 WIB. {programme.Summary}", programmePage.Meta("og:description"));
        Assert.Equal($"Pendaftaran dibuka mulai Senin, 5 Januari 2026 pukul 08.00 WIB. {programme.Summary}", shared.Meta("og:description"));
        Assert.Equal(programmePage.Meta("og:description"), unknown.Meta("og:description"));
        Assert.Equal(programmePage.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), shared.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_preview_image_is_the_programmes_own_1200_by_630_png_cached_for_a_year()
    {
        var programme = TestData.Programme("Pelatihan Barista Kopi Nusantara untuk Pencari Kerja Kota Serang dan Sekitarnya");
        var other = TestData.Programme("Pelatihan Sablon");
        await factory.AddAsync(programme, other);
        var client = factory.CreatePortalClient();

        var image = (await client.GetPageAsync(TrainingLinks.Programme(programme.Slug))).Meta("og:image")!;
        var otherImage = (await client.GetPageAsync(TrainingLinks.Programme(other.Slug))).Meta("og:image")!;
        using var response = await client.GetAsync(new Uri(new Uri(image).PathAndQuery, UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var otherBytes = await client.GetByteArrayAsync(new Uri(new Uri(otherImage).PathAndQuery, UriKind.Relative));

        Assert.StartsWith($"http://localhost/pelatihan/{programme.Slug}/kartu-", image, StringComparison.Ordinal);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public,max-age=31536000,immutable", response.Headers.CacheControl?.ToString().Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.Equal((1200, 630), PngSize(bytes));
        Assert.Equal((1200, 630), PngSize(otherBytes));
        Assert.NotEqual(bytes, otherBytes);
    }

    [Fact]
    public async Task A_renamed_programme_gets_a_new_card_address_and_the_old_one_leads_to_it()
    {
        var programme = TestData.Programme("Pelatihan Nama Lama");
        await factory.AddAsync(programme);
        var client = factory.CreatePortalClient(followRedirects: false);
        var before = new Uri((await client.GetPageAsync(TrainingLinks.Programme(programme.Slug))).Meta("og:image")!).AbsolutePath;

        await factory.WithDbAsync(async db =>
        {
            (await db.Programmes.SingleAsync(p => p.Id == programme.Id)).Title = "Pelatihan Nama Baru";
            await db.SaveChangesAsync();
        });
        var after = before;
        await Eventually.TrueAsync(
            async () => (after = new Uri((await client.GetPageAsync(TrainingLinks.Programme(programme.Slug))).Meta("og:image")!).AbsolutePath) != before,
            "the programme page names the new card");
        using var old = await client.GetAsync(new Uri(before, UriKind.Relative));
        using var unknown = await client.GetAsync(new Uri("/pelatihan/tidak-ada/kartu-0123456789abcdef.png", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
        Assert.Equal(after, old.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    /// <summary>Width and height from the PNG's IHDR chunk, which always comes first (after the 8-byte signature and 8 bytes of chunk header).</summary>
    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR"u8.ToArray(), png[12..16]);
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }
}
