using System.Net;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Portal.Admin.News;
using Portal.Caching;

namespace Portal.News;

/// <summary>/feed.xml: the latest press releases as RSS 2.0, each with its cover as an enclosure.</summary>
public static class FeedEndpoint
{
    public const string Path = "/feed.xml";
    private const int ItemCount = 20;
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static IEndpointRouteBuilder MapNewsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, WriteFeedAsync).WithMetadata(new CachedPageAttribute());
        return app;
    }

    private static async Task WriteFeedAsync(HttpContext context, NewsQueries news, SiteLinks links, IOptions<SiteOptions> site, CoverVariants covers, TimeProvider clock)
    {
        var articles = await news.Published()
            .OrderByDescending(a => a.PublishedAtUtc).ThenByDescending(a => a.Id)
            .Take(ItemCount)
            .Select(a => new { a.Slug, a.Title, a.Summary, a.PublishedAtUtc, a.UpdatedAtUtc, a.Author, a.CoverImagePath, Topics = a.Topics.Select(t => t.Name).ToList() })
            .ToListAsync(context.RequestAborted);

        var feed = new SyndicationFeed(
            $"Berita {site.Value.Name}",
            "Berita dan siaran pers pelatihan kerja Kota Serang",
            new Uri(links.Absolute(links.NewsList())))
        {
            Language = "id-ID",
            LastUpdatedTime = articles.Count > 0 ? Wib.AsOffset(articles[0].PublishedAtUtc) : Wib.AsOffset(clock.GetUtcNow().UtcDateTime),
            Items = articles.Select(a =>
            {
                var url = links.Absolute(links.Article(a.Slug));
                var item = new SyndicationItem(AsRssText(a.Title), AsRssText(a.Summary), new Uri(url), url, Wib.AsOffset(a.UpdatedAtUtc))
                {
                    PublishDate = Wib.AsOffset(a.PublishedAtUtc),
                };
                if (a.CoverImagePath is { } cover && covers.FileOf(cover) is { } file)
                {
                    item.Links.Add(SyndicationLink.CreateMediaEnclosureLink(new Uri(links.Absolute(cover)), file.MediaType, file.Length));
                }

                foreach (var topic in a.Topics)
                {
                    item.Categories.Add(new SyndicationCategory(topic));
                }

                return item;
            }).ToList(),
        };

        // The feed's own address (RSS Best Practices): readers and validators find the feed from a copy of it.
        feed.AttributeExtensions.Add(new XmlQualifiedName("atom", XNamespace.Xmlns.NamespaceName), Atom.NamespaceName);
        feed.ElementExtensions.Add(new XElement(Atom + "link",
            new XAttribute("href", links.Absolute(Path)), new XAttribute("rel", "self"), new XAttribute("type", "application/rss+xml")));

        context.Response.ContentType = "application/rss+xml; charset=utf-8";
        var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true };
        await using var writer = XmlWriter.Create(context.Response.Body, settings);
        new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false).WriteTo(writer);
        await writer.FlushAsync();
    }

    /// <summary>
    /// RSS readers take a title and a description as HTML, after XML has undone its own escaping.
    /// Titles and summaries are plain text typed by staff or found in content/: encoded once for
    /// HTML here (and once more for XML by the writer), "&lt;img onerror=…&gt;" reaches the reader
    /// as those characters, never as an element.
    /// </summary>
    private static string AsRssText(string text) => WebUtility.HtmlEncode(text);
}
