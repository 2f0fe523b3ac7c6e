using Microsoft.Extensions.Options;

namespace Portal.Shared;

/// <summary>
/// Absolute addresses for emails, canonical links, the feed and the sitemap: the one place that
/// decides the host. It is the configured public address; the request's Host is used only in
/// Development without one (SiteOptionsValidator refuses that anywhere else), since a Host header
/// is whatever the sender writes.
/// </summary>
public sealed class SiteLinks(IOptions<SiteOptions> options, IHttpContextAccessor http, IHostEnvironment environment)
{
    public string BaseUrl
    {
        get
        {
            if (options.Value.PublicBaseUri is { } configured)
            {
                return configured.GetLeftPart(UriPartial.Path).TrimEnd('/');
            }

            var request = http.HttpContext?.Request;
            return request is null || !environment.IsDevelopment() ? string.Empty : $"{request.Scheme}://{request.Host}{request.PathBase}";
        }
    }

    public string Absolute(string path) =>
        Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
            ? path
            : BaseUrl + (path.StartsWith('/') ? path : "/" + path);

    public static string Article(string slug) => $"/berita/{Uri.EscapeDataString(slug)}";

    public static string Programme(string slug) => $"/pelatihan/{Uri.EscapeDataString(slug)}";

    public static string Apply(string programmeSlug, int batchId) => $"/pelatihan/{Uri.EscapeDataString(programmeSlug)}/gelombang/{batchId}/daftar";

    public static string NewsList(string? topic = null, string? programme = null, int page = 1)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(topic))
        {
            query.Add("topik=" + Uri.EscapeDataString(topic));
        }

        if (!string.IsNullOrEmpty(programme))
        {
            query.Add("program=" + Uri.EscapeDataString(programme));
        }

        if (page > 1)
        {
            query.Add("halaman=" + page);
        }

        return query.Count == 0 ? "/berita" : "/berita?" + string.Join('&', query);
    }
}
