using System.Globalization;
using System.Text;
using System.Xml;
using Portal.Caching;
using Portal.News;

namespace Portal.Shared;

/// <summary>/sitemap.xml and /robots.txt, for search engines.</summary>
public static class SiteEndpoints
{
    public const string SitemapPath = "/sitemap.xml";
    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>The Razor pages the sitemap lists besides articles and programmes.</summary>
    public static readonly IReadOnlyList<string> FixedPages = ["/Home/Index", "/News/Index", "/Training/Index", "/Statistics/Index", "/Help/Faq", "/Help/Contact", "/Training/Agenda"];

    public static IEndpointRouteBuilder MapSiteEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(SitemapPath, WriteSitemapAsync).WithMetadata(new CachedPageAttribute());
        app.MapGet("/sitemap-{part:int:min(1)}.xml", WriteSitemapPartAsync).WithMetadata(new CachedPageAttribute());
        app.MapGet("/robots.txt", (SiteLinks links) => Results.Text(
            $"User-agent: *\nDisallow: /admin/\nDisallow: /akun/\nAllow: /\n\nSitemap: {links.Absolute(SitemapPath)}\n",
            "text/plain; charset=utf-8")).WithMetadata(new CachedPageAttribute());
        return app;
    }

    /// <summary>The address of the sitemap file that holds the given part (1-based) of a split sitemap.</summary>
    public static string PartPath(int part) => $"/sitemap-{part.ToString(CultureInfo.InvariantCulture)}.xml";

    /// <summary>
    /// One sitemap while every address fits in one file; past the protocol's limit (50,000
    /// addresses a file), a sitemap index naming the parts, each written by <see cref="WriteSitemapPartAsync"/>.
    /// </summary>
    private static async Task WriteSitemapAsync(HttpContext context, NewsQueries news, PortalDbContext db, SiteLinks links, IOptions<SitemapOptions> options)
    {
        var perFile = options.Value.UrlsPerFile;
        var total = FixedPages.Count + await db.Programmes.CountAsync(context.RequestAborted) + await AnnouncedResults(db).CountAsync(context.RequestAborted)
            + await news.Published().CountAsync(context.RequestAborted);
        if (total <= perFile)
        {
            await WriteUrlSetAsync(context, news, db, links, 0, perFile);
            return;
        }

        await using var writer = await StartXmlAsync(context);
        await writer.WriteStartElementAsync(null, "sitemapindex", SitemapNamespace);
        for (var part = 1; (part - 1) * perFile < total; part++)
        {
            await writer.WriteStartElementAsync(null, "sitemap", SitemapNamespace);
            await writer.WriteElementStringAsync(null, "loc", SitemapNamespace, links.Absolute(PartPath(part)));
            await writer.WriteEndElementAsync();
        }

        await EndXmlAsync(writer);
    }

    private static async Task WriteSitemapPartAsync(int part, HttpContext context, NewsQueries news, PortalDbContext db, SiteLinks links, IOptions<SitemapOptions> options)
    {
        var perFile = options.Value.UrlsPerFile;
        var total = FixedPages.Count + await db.Programmes.CountAsync(context.RequestAborted) + await AnnouncedResults(db).CountAsync(context.RequestAborted)
            + await news.Published().CountAsync(context.RequestAborted);
        // Part 1 of a sitemap that fits in one file is that file: only /sitemap.xml names it.
        if (total <= perFile || (long)(part - 1) * perFile >= total)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await WriteUrlSetAsync(context, news, db, links, (part - 1) * perFile, perFile);
    }

    /// <summary>
    /// The addresses from <paramref name="skip"/> on, at most <paramref name="take"/>: the fixed
    /// pages, the programmes, the announced selection results, then the articles newest first. Articles are streamed from the
    /// database to the response, never held in memory all at once.
    /// </summary>
    private static async Task WriteUrlSetAsync(HttpContext context, NewsQueries news, PortalDbContext db, SiteLinks links, int skip, int take)
    {
        var programmes = await db.Programmes.AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.Id).Select(p => p.Slug).ToListAsync(context.RequestAborted);
        var results = await AnnouncedResults(db).ToListAsync(context.RequestAborted);
        var head = FixedPages.Select(page => (Path: links.Page(page), Modified: (DateTime?)null))
            .Concat(programmes.Select(slug => (Path: links.Programme(slug), Modified: (DateTime?)null)))
            .Concat(results.Select(r => (Path: links.Results(r.Slug, r.Key), Modified: r.PublishedAtUtc)))
            .ToList();

        await using var writer = await StartXmlAsync(context);
        await writer.WriteStartElementAsync(null, "urlset", SitemapNamespace);
        foreach (var (path, modified) in head.Skip(skip).Take(take))
        {
            await WriteUrlAsync(writer, links.Absolute(path), modified);
        }

        var articleSkip = Math.Max(0, skip - head.Count);
        var articleTake = take - Math.Max(0, Math.Min(head.Count - skip, take));
        if (articleTake > 0)
        {
            var articles = news.Published().OrderByDescending(a => a.PublishedAtUtc).ThenByDescending(a => a.Id)
                .Skip(articleSkip).Take(articleTake)
                .Select(a => new { a.Slug, a.UpdatedAtUtc })
                .AsAsyncEnumerable();
            await foreach (var article in articles.WithCancellation(context.RequestAborted))
            {
                await WriteUrlAsync(writer, links.Absolute(links.Article(article.Slug)), article.UpdatedAtUtc);
            }
        }

        await EndXmlAsync(writer);
    }

    /// <summary>The batches whose selection results are announced: their results pages, after the programmes.</summary>
    private static IQueryable<AnnouncedResult> AnnouncedResults(PortalDbContext db) =>
        db.Batches.AsNoTracking().Where(b => b.ResultsPublishedAtUtc != null)
            .OrderBy(b => b.ResultsPublishedAtUtc).ThenBy(b => b.Id)
            .Select(b => new AnnouncedResult(b.Programme!.Slug, b.Key, b.ResultsPublishedAtUtc));

    private sealed record AnnouncedResult(string Slug, string Key, DateTime? PublishedAtUtc);

    private static async Task<XmlWriter> StartXmlAsync(HttpContext context)
    {
        context.Response.ContentType = "application/xml; charset=utf-8";
        var writer = XmlWriter.Create(context.Response.Body, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true });
        await writer.WriteStartDocumentAsync();
        return writer;
    }

    private static async Task EndXmlAsync(XmlWriter writer)
    {
        await writer.WriteEndElementAsync();
        await writer.WriteEndDocumentAsync();
        await writer.FlushAsync();
    }

    private static async Task WriteUrlAsync(XmlWriter writer, string url, DateTime? modifiedUtc)
    {
        await writer.WriteStartElementAsync(null, "url", SitemapNamespace);
        await writer.WriteElementStringAsync(null, "loc", SitemapNamespace, url);
        if (modifiedUtc is { } modified)
        {
            await writer.WriteElementStringAsync(null, "lastmod", SitemapNamespace, Wib.Iso(modified));
        }

        await writer.WriteEndElementAsync();
    }
}

/// <summary>How many addresses one sitemap file holds before the sitemap is split.</summary>
public sealed class SitemapOptions
{
    public const string Section = "Portal:Sitemap";

    /// <summary>The sitemap protocol's limit per file (sitemaps.org); lowered only by tests.</summary>
    [Range(1, 50_000)]
    public int UrlsPerFile { get; set; } = 50_000;
}
