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

        var item = ItemOf(xml, article.Slug);
        foreach (var (field, typed) in new[] { ("description", summary), ("title", title) })
        {
            // What a reader does: take the element's text and show it as HTML.
            var shown = new HtmlParser().ParseFragment(item.Element(field)!.Value, new HtmlParser().ParseDocument(string.Empty).Body!);
            Assert.Empty(shown.OfType<IElement>());
            Assert.Equal(typed, string.Concat(shown.Select(n => n.TextContent)));
        }
    }

    [Fact]
    public async Task The_feed_names_its_own_address_and_offers_a_cover_as_an_enclosure_of_its_served_size()
    {
        var article = TestData.Article();
        article.CoverImagePath = "/img/og-default.png";
        article.CoverImageAlt = "Sampul uji";
        var plain = TestData.Article();
        await factory.WithDbAsync(async db =>
        {
            db.Articles.AddRange(article, plain);
            await db.SaveChangesAsync();
        });
        var client = factory.CreatePortalClient();

        var xml = XDocument.Parse(await client.GetStringAsync(new Uri("/feed.xml", UriKind.Relative)));

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var self = Assert.Single(xml.Root!.Element("channel")!.Elements(atom + "link"));
        Assert.Equal("self", self.Attribute("rel")!.Value);
        Assert.Equal("http://localhost/feed.xml", self.Attribute("href")!.Value);
        Assert.Equal("application/rss+xml", self.Attribute("type")!.Value);
        var enclosure = Assert.Single(ItemOf(xml, article.Slug).Elements("enclosure"));
        Assert.Equal("http://localhost/img/og-default.png", enclosure.Attribute("url")!.Value);
        Assert.Equal("image/png", enclosure.Attribute("type")!.Value);
        var served = await client.GetByteArrayAsync(new Uri("/img/og-default.png", UriKind.Relative));
        Assert.Equal(served.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), enclosure.Attribute("length")!.Value);
        Assert.Empty(ItemOf(xml, plain.Slug).Elements("enclosure"));
    }

    [Fact]
    public async Task The_sitemap_lists_articles_and_programmes_with_absolute_addresses()
    {
        var xml = XDocument.Parse(await factory.CreatePortalClient().GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative)));
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

        var locations = xml.Descendants(ns + "loc").Select(l => l.Value).ToList();
        Assert.Contains("http://localhost/berita/36-pencaker-ikuti-pelatihan-soft-skill-siap-ditempatkan", locations);
        Assert.Contains("http://localhost/pelatihan/barista", locations);
        Assert.Contains("http://localhost/", locations);
    }

    [Fact]
    public async Task An_imported_article_was_last_modified_on_its_content_date_not_at_the_import()
    {
        var xml = XDocument.Parse(await factory.CreatePortalClient().GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative)));
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

        var url = xml.Descendants(ns + "url")
            .Single(u => u.Element(ns + "loc")!.Value == "http://localhost/berita/36-pencaker-ikuti-pelatihan-soft-skill-siap-ditempatkan");
        Assert.Equal("2025-11-24T15:00:00+07:00", url.Element(ns + "lastmod")!.Value);
    }

    [Fact]
    public async Task Robots_allows_the_public_site_and_points_to_the_sitemap()
    {
        var robots = await factory.CreatePortalClient().GetStringAsync(new Uri("/robots.txt", UriKind.Relative));

        Assert.Contains("Disallow: /admin/", robots, StringComparison.Ordinal);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots, StringComparison.Ordinal);
    }

    private static XElement ItemOf(XDocument feed, string slug) =>
        feed.Descendants("item").Single(i => i.Element("link")!.Value.EndsWith(slug, StringComparison.Ordinal));
}
