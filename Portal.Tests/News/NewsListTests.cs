using Portal.News;

namespace Portal.Tests.News;

public class NewsListTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_list_shows_ten_articles_a_page_newest_first_with_pagination_links()
    {
        var client = factory.CreatePortalClient();

        var first = await client.GetPageAsync("/berita");
        var second = await client.GetPageAsync("/berita?halaman=2");

        var firstTitles = first.QuerySelectorAll(".news-list article h3").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(10, firstTitles.Count);
        var dates = first.QuerySelectorAll(".news-list time").Select(t => DateTimeOffset.Parse(t.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        Assert.Equal("/berita?halaman=2", first.QuerySelector(".pagination a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("1", first.Text(".pagination [aria-current=page]"));

        Assert.Equal("2", second.Text(".pagination [aria-current=page]"));
        Assert.NotNull(second.QuerySelector(".pagination a[rel=prev]"));
        Assert.Empty(second.QuerySelectorAll(".news-list article h3").Select(h => h.TextContent.Trim()).Intersect(firstTitles));
    }

    [Fact]
    public async Task A_long_list_links_a_window_of_pages_around_the_current_one_and_the_last_page()
    {
        // 120 articles, 12 pages: enough that linking every page would be the 138 KB list of 10,000 articles in miniature.
        var topic = TestData.Topic("Topik Uji Halaman Banyak");
        var tagged = Enumerable.Range(0, 120).Select(i => TestData.Article(title: $"Berita halaman banyak {i}", topics: topic)).ToList();
        await factory.WithDbAsync(db => { db.Articles.AddRange(tagged); return db.SaveChangesAsync(); });

        var page = await factory.CreatePortalClient().GetPageAsync($"/berita?topik={topic.Slug}&halaman=6");

        var numbers = page.QuerySelectorAll(".pagination a[aria-label]").Select(a => (Text: a.TextContent.Trim(), Href: a.GetAttribute("href"))).ToList();
        Assert.Equal(["1", "4", "5", "7", "8", "12"], numbers.Select(n => n.Text));
        Assert.Equal($"/berita?topik={topic.Slug}&halaman=12", numbers[^1].Href);
        Assert.Equal($"/berita?topik={topic.Slug}", numbers[0].Href);
        Assert.Equal("6", page.Text(".pagination [aria-current=page]"));
        var gaps = page.QuerySelectorAll(".pagination li[aria-hidden=true]");
        Assert.Equal(2, gaps.Length);
        Assert.All(gaps, g => Assert.Null(g.QuerySelector("a")));
        Assert.NotNull(page.QuerySelector(".pagination a[rel=prev]"));
        Assert.NotNull(page.QuerySelector(".pagination a[rel=next]"));
        Assert.InRange(page.QuerySelectorAll(".pagination a").Length, 2, 9);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-3")]
    [InlineData("0")]
    [InlineData("99999999999999999999")]
    [InlineData("1%27%20OR%201=1")]
    public async Task A_page_number_that_is_not_a_page_shows_the_first_page(string halaman)
    {
        var page = await factory.CreatePortalClient().GetPageAsync($"/berita?halaman={halaman}");

        Assert.Equal(10, page.QuerySelectorAll(".news-list article").Length);
        Assert.Equal("1", page.Text(".pagination [aria-current=page]"));
    }

    [Fact]
    public async Task A_page_past_the_end_shows_an_empty_state_with_a_way_back()
    {
        var page = await factory.CreatePortalClient().GetPageAsync("/berita?halaman=50");

        Assert.Empty(page.QuerySelectorAll(".news-list article"));
        Assert.Contains("Tidak ada berita di halaman 50", page.Text(".empty-state"), StringComparison.Ordinal);
        Assert.Equal("/berita", page.QuerySelector(".empty-state a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Filtering_by_topic_shows_only_articles_with_that_topic_and_keeps_the_filter_in_links()
    {
        var topic = TestData.Topic("Topik Uji Saring");
        var tagged = Enumerable.Range(0, 11).Select(i => TestData.Article(title: $"Berita bertopik {i}", topics: topic)).ToList();
        var untagged = TestData.Article(title: "Berita tanpa topik uji");
        await factory.WithDbAsync(db => { db.Articles.AddRange(tagged); db.Articles.Add(untagged); return db.SaveChangesAsync(); });
        var client = factory.CreatePortalClient();

        var page = await client.GetPageAsync($"/berita?topik={topic.Slug}");

        Assert.Equal("Berita topik Topik Uji Saring", page.Text("h1"));
        var titles = page.QuerySelectorAll(".news-list article h3").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(10, titles.Count);
        Assert.All(titles, t => Assert.StartsWith("Berita bertopik", t, StringComparison.Ordinal));
        Assert.Equal($"/berita?topik={topic.Slug}&halaman=2", page.QuerySelector(".pagination a[rel=next]")!.GetAttribute("href"));
        Assert.Equal(topic.Slug, page.QuerySelector("#filter-topik option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Filtering_by_programme_shows_the_programme_news()
    {
        var page = await factory.CreatePortalClient().GetPageAsync("/berita?program=barista");

        var titles = page.QuerySelectorAll(".news-list article h3").Select(h => h.TextContent.Trim()).ToList();
        Assert.NotEmpty(titles);
        Assert.All(titles, t => Assert.Contains("arista", t, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Berita Pelatihan Barista", page.Text("h1"));
    }

    [Fact]
    public async Task An_unknown_topic_shows_an_empty_state_not_an_error()
    {
        var page = await factory.CreatePortalClient().GetPageAsync("/berita?topik=%3Cscript%3E");

        Assert.Contains("Belum ada berita untuk pilihan ini", page.Text(".empty-state"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drafts_and_scheduled_articles_are_not_listed_or_served()
    {
        var draft = TestData.Article(title: "Draf rahasia", status: ArticleStatus.Draft);
        var scheduled = TestData.Article(title: "Terjadwal nanti", publishedAtUtc: PortalFactory.DefaultNow.UtcDateTime.AddYears(5));
        await factory.WithDbAsync(db => { db.Articles.AddRange(draft, scheduled); return db.SaveChangesAsync(); });
        var client = factory.CreatePortalClient();

        var list = await client.GetPageAsync("/berita");

        Assert.DoesNotContain(list.QuerySelectorAll(".news-list h3"), h => h.TextContent.Contains("Draf rahasia", StringComparison.Ordinal));
        await client.GetPageAsync($"/berita/{draft.Slug}", HttpStatusCode.NotFound);
        await client.GetPageAsync($"/berita/{scheduled.Slug}", HttpStatusCode.NotFound);
    }
}
