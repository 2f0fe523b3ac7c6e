using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Portal.Caching;
using Portal.Data;
using Portal.News;

namespace Portal.Shared;

/// <summary>/sitemap.xml and /robots.txt, for search engines.</summary>
public static class SiteEndpoints
{
    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static IEndpointRouteBuilder MapSiteEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sitemap.xml", WriteSitemapAsync).WithMetadata(new CachedPageAttribute());
        app.MapGet("/robots.txt", (SiteLinks links) => Results.Text(
            $"User-agent: *\nDisallow: /admin/\nDisallow: /akun/\nAllow: /\n\nSitemap: {links.Absolute("/sitemap.xml")}\n",
            "text/plain; charset=utf-8")).WithMetadata(new CachedPageAttribute());
        return app;
    }

    private static async Task WriteSitemapAsync(HttpContext context, NewsQueries news, PortalDbContext db, SiteLinks links)
    {
        var articles = await news.Published().OrderByDescending(a => a.PublishedAtUtc)
            .Select(a => new { a.Slug, a.UpdatedAtUtc }).ToListAsync(context.RequestAborted);
        var programmes = await db.Programmes.AsNoTracking().OrderBy(p => p.SortOrder).Select(p => p.Slug).ToListAsync(context.RequestAborted);

        context.Response.ContentType = "application/xml; charset=utf-8";
        var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true };
        await using var writer = XmlWriter.Create(context.Response.Body, settings);
        await writer.WriteStartDocumentAsync();
        await writer.WriteStartElementAsync(null, "urlset", SitemapNamespace);
        foreach (var path in new[] { "/", "/berita", "/pelatihan" })
        {
            await WriteUrlAsync(writer, links.Absolute(path), null);
        }

        foreach (var slug in programmes)
        {
            await WriteUrlAsync(writer, links.Absolute(SiteLinks.Programme(slug)), null);
        }

        foreach (var article in articles)
        {
            await WriteUrlAsync(writer, links.Absolute(SiteLinks.Article(article.Slug)), article.UpdatedAtUtc);
        }

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
