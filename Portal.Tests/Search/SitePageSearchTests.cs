using AngleSharp.Html.Dom;
using Portal.Search;

namespace Portal.Tests.Search;

/// <summary>
/// Fixed pages of the site (<see cref="SitePages"/>) are found like articles: by the words people
/// use for them, listed with their address from the page's route, and kept through the changes
/// search follows. Their survival across starts and rebuilds is in <see cref="SearchStartupTests"/>.
/// </summary>
public class SitePageSearchTests(ShippedContentFactory factory) : IClassFixture<ShippedContentFactory>
{
    [Theory]
    [InlineData("statistik", "/statistik")]
    [InlineData("data peserta", "/statistik")]
    [InlineData("jumlah pencaker dilatih", "/statistik")]
    [InlineData("agenda", "/agenda")]
    [InlineData("jadwal pendaftaran", "/agenda")]
    [InlineData("kalender pelatihan", "/agenda")]
    public async Task A_site_page_is_among_the_first_results_for_what_people_call_it(string query, string path)
    {
        await factory.SearchCaughtUpAsync();

        var page = await factory.CreatePortalClient().GetPageAsync(SearchAddress.For(query));

        var results = page.QuerySelectorAll(".search-result").ToList();
        var rank = results.FindIndex(r => r.QuerySelector("h3 a")!.GetAttribute("href") == path);
        Assert.True(rank is >= 0 and < 3, $"{path} is result {rank + 1} of {results.Count} for \"{query}\"");
        Assert.Equal("Halaman", results[rank].Text(".search-kind"));
    }

    [Fact]
    public async Task The_page_kind_filter_lists_only_site_pages()
    {
        await factory.SearchCaughtUpAsync();

        var page = await factory.CreatePortalClient().GetPageAsync(SearchAddress.For("statistik pelatihan") + "&jenis=halaman");

        Assert.Contains("/statistik", page.QuerySelectorAll(".search-result h3 a").Cast<IHtmlAnchorElement>().Select(a => a.GetAttribute("href")));
        Assert.All(page.QuerySelectorAll(".search-result .search-kind"), kind => Assert.Equal("Halaman", kind.TextContent.Trim()));
    }

    [Fact]
    public async Task A_site_page_stays_found_after_the_index_applies_changes_of_the_database()
    {
        await factory.SearchCaughtUpAsync();
        var word = SearchWords.Unique();
        await factory.AddAsync(TestData.Article(title: $"Statistik {word}", publishedAtUtc: PortalFactory.DefaultNow.UtcDateTime.AddHours(-1)));
        await factory.WithDbAsync(async db =>
        {
            var programme = await db.Programmes.OrderBy(p => p.Id).FirstAsync();
            programme.Summary += " ";
            await db.SaveChangesAsync();
        });

        await factory.SearchCaughtUpAsync();

        Assert.Contains("/statistik", factory.Search("statistik").Urls());
        Assert.Single(factory.Search(word).Hits);
    }
}
