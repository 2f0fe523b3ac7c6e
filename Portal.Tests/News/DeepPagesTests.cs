using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Portal.News;
using Portal.Shared;

namespace Portal.Tests.News;

/// <summary>A sitemap split at 5 addresses a file, so a few articles show what 50,000 would.</summary>
public sealed class SmallSitemapFactory : PortalFactory
{
    public const int UrlsPerFile = 5;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Portal:Sitemap:UrlsPerFile"] = UrlsPerFile.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// The far end of the archive: the last page of /berita (read by the page number, the address
/// people share) and a sitemap too large for one file.
/// </summary>
public partial class DeepPagesTests(SmallSitemapFactory factory) : IClassFixture<SmallSitemapFactory>
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    [Fact]
    public async Task The_last_page_lists_the_oldest_articles_oldest_last_ties_by_newest_id_first()
    {
        // Older than any shipped press release; two share a time, so the order must break the tie.
        var oldest = new DateTime(2001, 1, 1, 3, 0, 0, DateTimeKind.Utc);
        var articles = Enumerable.Range(0, 4)
            .Select(i => TestData.Article(title: $"Arsip lama {i} {Guid.NewGuid():N}", publishedAtUtc: oldest.AddDays(i == 1 ? 0 : i)))
            .ToList();
        foreach (var article in articles)
        {
            // One save each, so the ids follow the list's order.
            await factory.AddAsync(article);
        }

        var client = factory.CreatePortalClient();
        var first = await client.GetPageAsync("/berita");
        var summary = first.Body!.TextContent;
        var lastPage = int.Parse(PageCount().Match(summary).Groups[1].Value, CultureInfo.InvariantCulture);
        var total = int.Parse(TotalCount().Match(summary).Groups[1].Value, CultureInfo.InvariantCulture);
        var beforeLast = await client.GetPageAsync($"/berita?halaman={lastPage - 1}");
        var last = await client.GetPageAsync($"/berita?halaman={lastPage}");

        static List<string> Titles(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelectorAll(".news-list article h3").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(total - ((lastPage - 1) * IndexModel.PageSize), Titles(last).Count);
        Assert.Equal(IndexModel.PageSize, Titles(beforeLast).Count);
        // Newest first: article 3, article 2, then the tie (1 saved after 0, so 1 first), then 0 last of all.
        Assert.Equal([articles[3].Title, articles[2].Title, articles[1].Title, articles[0].Title], Titles(beforeLast).Concat(Titles(last)).TakeLast(4));
        Assert.Equal(lastPage.ToString(CultureInfo.InvariantCulture), last.Text(".pagination [aria-current=page]"));
        Assert.Null(last.QuerySelector(".pagination a[rel=next]"));
    }

    [Fact]
    public async Task A_sitemap_past_its_limit_is_an_index_of_parts_that_together_list_every_address_once()
    {
        var client = factory.CreatePortalClient();
        var expected = await factory.WithDbAsync(async db =>
        {
            var news = new NewsQueries(db, factory.Clock);
            return await EntityFrameworkQueryableExtensions.CountAsync(news.Published())
                + await EntityFrameworkQueryableExtensions.CountAsync(db.Programmes) + SiteEndpoints.FixedPages.Count;
        });

        var index = XDocument.Parse(await client.GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative)));

        Assert.Equal(Sitemap + "sitemapindex", index.Root!.Name);
        var parts = index.Descendants(Sitemap + "loc").Select(l => l.Value).ToList();
        Assert.Equal((expected + SmallSitemapFactory.UrlsPerFile - 1) / SmallSitemapFactory.UrlsPerFile, parts.Count);
        Assert.Equal("http://localhost/sitemap-1.xml", parts[0]);

        var addresses = new List<string>();
        foreach (var part in parts)
        {
            var urlset = XDocument.Parse(await client.GetStringAsync(new Uri(part)));
            Assert.Equal(Sitemap + "urlset", urlset.Root!.Name);
            var locations = urlset.Descendants(Sitemap + "loc").Select(l => l.Value).ToList();
            Assert.InRange(locations.Count, 1, SmallSitemapFactory.UrlsPerFile);
            addresses.AddRange(locations);
        }

        Assert.Equal(expected, addresses.Count);
        Assert.Equal(addresses.Count, addresses.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("http://localhost/", addresses[0]);
        Assert.Contains("http://localhost/pelatihan/barista", addresses);
        Assert.Contains("http://localhost/berita/36-pencaker-ikuti-pelatihan-soft-skill-siap-ditempatkan", addresses);
        using var pastTheEnd = await client.GetAsync(new Uri($"/sitemap-{parts.Count + 1}.xml", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, pastTheEnd.StatusCode);
    }

    [GeneratedRegex(@"halaman \d+ dari (\d+)")]
    private static partial Regex PageCount();

    [GeneratedRegex(@"(\d+) berita, halaman")]
    private static partial Regex TotalCount();
}
