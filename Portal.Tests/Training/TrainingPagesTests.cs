using Portal.Shared;
using Portal.Training;

namespace Portal.Tests.Training;

public class TrainingPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_programme_page_shows_its_batches_with_status_seats_funding_and_eligibility()
    {
        var programme = TestData.Programme("Pelatihan Uji Status");
        var now = PortalFactory.DefaultNow.DateTime;
        var open = TestData.Batch(programme, now.AddDays(-2), now.Date.AddDays(3).AddHours(23).AddMinutes(59), seats: 16, funding: FundingSource.Apbd);
        open.Name = "Gelombang Dibuka";
        var upcoming = TestData.Batch(programme, now.AddDays(10), now.AddDays(20));
        upcoming.Name = "Gelombang Nanti";
        var closed = TestData.Batch(programme, now.AddDays(-30), now.AddDays(-10));
        closed.Name = "Gelombang Lalu";
        await factory.WithDbAsync(db => { db.Batches.AddRange(open, upcoming, closed); return db.SaveChangesAsync(); });

        var page = await factory.CreatePortalClient().GetPageAsync($"/pelatihan/{programme.Slug}");

        var cards = page.QuerySelectorAll(".batch-card");
        Assert.Equal(["Gelombang Dibuka", "Gelombang Nanti", "Gelombang Lalu"], cards.Select(c => c.Text("h3")));
        Assert.Equal(["Dibuka", "Segera dibuka", "Ditutup"], cards.Select(c => c.Text(".badge")));
        var openCard = cards[0];
        Assert.Equal("Sisa 3 hari lagi", openCard.Text(".days-left"));
        Assert.Contains("16 peserta", openCard.TextContent, StringComparison.Ordinal);
        Assert.Equal("APBD", openCard.Text("abbr"));
        Assert.Contains("khusus warga berdomisili di Kota Serang", openCard.TextContent, StringComparison.Ordinal);
        Assert.Contains("pukul 23.59 WIB", openCard.TextContent, StringComparison.Ordinal);
        Assert.Equal(TrainingLinks.Apply(programme.Slug, open.Id), openCard.QuerySelector("a.btn")!.GetAttribute("href"));
        Assert.Null(cards[1].QuerySelector("a.btn"));
    }

    [Fact]
    public async Task A_batch_card_writes_its_dates_in_the_one_public_style()
    {
        var programme = TestData.Programme();
        var batch = TestData.Batch(programme, new DateTime(2025, 11, 25, 8, 0, 0), new DateTime(2025, 12, 16, 23, 59, 0));
        batch.TrainingStartsOn = new DateOnly(2026, 1, 5);
        batch.TrainingEndsOn = new DateOnly(2026, 1, 23);
        await factory.AddBatchAsync(batch);

        var page = await factory.CreatePortalClient().GetPageAsync(TrainingLinks.Programme(programme.Slug));

        var facts = page.QuerySelectorAll(".batch-card .batch-facts dd");
        Assert.Equal("25 November – 16 Desember 2025 pukul 23.59 WIB", facts[0].TextContent.Trim());
        Assert.Equal("5–23 Januari 2026", facts[1].TextContent.Trim());
    }

    [Fact]
    public async Task The_home_page_lists_open_batches_with_days_left_and_the_latest_news()
    {
        var page = await factory.CreatePortalClient().GetPageAsync("/");

        var batches = page.QuerySelectorAll("section[aria-labelledby=judul-gelombang] .batch-card");
        Assert.NotEmpty(batches);
        Assert.All(batches, b => Assert.Equal("Dibuka", b.Text(".badge")));
        Assert.All(batches, b => Assert.Matches("^(Sisa \\d+ hari lagi|Hari terakhir pendaftaran)$", b.Text(".days-left")));
        var news = page.QuerySelectorAll("section[aria-labelledby=judul-berita] article");
        Assert.Equal(6, news.Length);
        Assert.Equal("Senin, 24 November 2025", news[0].Text("time"));
        Assert.NotNull(page.QuerySelector("form[action='/cari'] input[name=q]"));
    }

    [Fact]
    public async Task On_the_last_day_the_home_page_says_so_and_the_next_day_the_batch_is_closed()
    {
        var programme = TestData.Programme("Pelatihan Hari Terakhir");
        var today = PortalFactory.DefaultNow.DateTime.Date;
        var batch = TestData.Batch(programme, today.AddDays(-5), today.AddHours(23).AddMinutes(59));
        await factory.AddAsync(batch);

        var page = await factory.CreatePortalClient().GetPageAsync($"/pelatihan/{programme.Slug}");

        Assert.Equal("Hari terakhir pendaftaran", page.Text(".days-left"));
        Assert.Equal(BatchStatus.Closed, batch.StatusAt(Wib.ToUtc(today.AddDays(1))));
    }

    [Fact]
    public async Task The_programme_list_shows_the_four_programmes_and_an_unknown_one_is_404()
    {
        var client = factory.CreatePortalClient();

        var page = await client.GetPageAsync("/pelatihan");
        var titles = page.QuerySelectorAll(".programme-card h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains("Pelatihan Soft Skill", titles);
        Assert.Contains("Pelatihan Barista", titles);
        Assert.Contains(titles, t => t.Contains("Sablon", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.Contains("Public Speaking", StringComparison.Ordinal));

        var missing = await client.GetPageAsync("/pelatihan/tidak-ada", HttpStatusCode.NotFound);
        Assert.Equal("Halaman tidak ditemukan", missing.Text("h1"));
    }

    [Fact]
    public async Task Demo_batches_give_an_open_an_upcoming_and_a_closed_batch_on_any_date()
    {
        var page = await factory.CreatePortalClient().GetPageAsync("/pelatihan");
        var badges = page.QuerySelectorAll(".programme-card .badge").Select(b => b.TextContent).ToList();

        Assert.Contains(badges, b => b.Contains("dibuka", StringComparison.Ordinal) && !b.Contains("segera", StringComparison.Ordinal));
        Assert.Contains(badges, b => b.Contains("segera dibuka", StringComparison.Ordinal));
        var softSkill = await factory.CreatePortalClient().GetPageAsync("/pelatihan/soft-skill");
        Assert.Contains(softSkill.QuerySelectorAll(".batch-card .badge"), b => b.TextContent == "Ditutup");
    }
}
