using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Portal.Tests.News;

public class FeedAndSitemapTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_feed_is_valid_RSS_with_the_soft_skill_article()
    {
        using var response = await factory.CreatePortalClient().GetAsync(new Uri("/feed.xml", UriKind.Relative));
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType!.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = XmlReader.Create(stream);

        var formatter = new Rss20FeedFormatter();
        Assert.True(formatter.CanRead(reader));
        formatter.ReadFrom(reader);
        var feed = formatter.Feed;

        Assert.Equal("id-ID", feed.Language);
        var item = Assert.Single(feed.Items, i => i.Links[0].Uri.AbsolutePath == "/berita/36-pencaker-ikuti-pelatihan-soft-skill-siap-ditempatkan");
        Assert.Equal(new DateTimeOffset(2025, 11, 24, 15, 0, 0, TimeSpan.FromHours(7)), item.PublishDate);
        Assert.Contains(item.Categories, c => c.Name == "APBN");
        Assert.Equal(feed.Items.OrderByDescending(i => i.PublishDate).Select(i => i.Id), feed.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Titles_and_summaries_reach_RSS_readers_as_text_never_as_markup()
    {
        var title = $"Judul <b>tebal</b> & {Guid.NewGuid():N}";
        const string summary = "Ringkasan <img src=x onerror=alert(1)> <script>alert(2)</script> &amp; selesai";
        var article = TestData.Article(title: title);
        article.Summary = summary;
        await factory.WithDbAsync(async db =>
        {
            db.Articles.Add(article);
            await db.SaveChangesAsync();
        });

        var xml = XDocument.Parse(await factory.CreatePortalClient().GetStringAsync(new Uri("/feed.xml", UriKind.Relative)));

        var item = xml.Descendants("item").Single(i => i.Element("link")!.Value.EndsWith(article.Slug, StringComparison.Ordinal));
        foreach (var (field, typed) in new[] { ("description", summary), ("title", title) })
        {
            // What a reader does: take the element's text and show it as HTML.
            var shown = new HtmlParser().ParseFragment(item.Element(field)!.Value, new HtmlParser().ParseDocument(string.Empty).Body!);
            Assert.Empty(shown.OfType<IElement>());
            Assert.Equal(typed, string.Concat(shown.Select(n => n.TextContent)));
        }
    }

    [Fact]
    public async Task The_sitemap_lists_articles_and_programmes_with_absolute_addresses()
    {
        var xml = XDocument.Parse(await factory.CreatePortalClient().GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative)));
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

        var locations = xml.Descendants(ns + "loc").Select(l => l.Value).ToList();
        Assert.Contains("http://localhost/berita/36-pencaker-ikuti-pelatihan-soft-skill-siap-ditempatkan", locations);
        Assert.Contains("http://localhost/pelatihan/barista", locations);
        Assert.Contains("http://localhost/agenda", locations);
        Assert.Contains("http://localhost/", locations);
    }

    [Fact]
    public async Task Robots_allows_the_public_site_and_points_to_the_sitemap()
    {
        var robots = await factory.CreatePortalClient().GetStringAsync(new Uri("/robots.txt", UriKind.Relative));

        Assert.Contains("Disallow: /admin/", robots, StringComparison.Ordinal);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots, StringComparison.Ordinal);
    }
}
