using System.IO.Compression;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.WebUtilities;
using Portal.Shared;

namespace Portal.Tests.Infrastructure;

/// <summary>One answer of a first visit: its address, the bytes that crossed the wire (the body as sent, compressed or not) and how it may be cached.</summary>
public sealed record Transfer(Uri Address, string Kind, long Bytes, CacheControlHeaderValue? CacheControl, bool Fingerprinted)
{
    public string Path => Address.PathAndQuery;
}

/// <summary>
/// What a phone's browser fetches on a first visit to a page, with an empty cache and
/// `Accept-Encoding: br, gzip`: the HTML, then every stylesheet, script (async and deferred ones
/// too: they cross the wire all the same), icon, preload and eager image the HTML names, and what
/// those stylesheets name with url() or @import. Headers are not counted (HTTP/2 compresses them
/// to a few dozen bytes an answer).
/// </summary>
/// <remarks>
/// For an eager image the browser picks one candidate; this takes the one a 360 CSS px wide phone
/// at 2 device pixels per CSS pixel picks: from the first &lt;source&gt; of its &lt;picture&gt;
/// whose type a phone's Chromium decodes and whose media (min-/max-width in px) matches, else from
/// the &lt;img&gt;'s own srcset and src; among `w` candidates the smallest as wide as the slot
/// (from `sizes`, in px or vw; 100vw when absent or not understood) at 2×, else the widest.
/// </remarks>
public static partial class FirstVisit
{
    private const int PhoneWidth = 360;
    private const int PhoneDensity = 2;

    private static readonly string[] DecodedTypes = ["image/avif", "image/webp", "image/jpeg", "image/png", "image/svg+xml", "image/gif"];

    public static async Task<IReadOnlyList<Transfer>> LoadAsync(HttpClient client, string path)
    {
        var page = new Uri(client.BaseAddress!, path);
        var transfers = new List<Transfer>();
        var html = await FetchAsync(client, page, "document", transfers);
        var document = new HtmlParser().ParseDocument(System.Text.Encoding.UTF8.GetString(html));
        var seen = new HashSet<Uri> { page };
        foreach (var (address, kind) in Subresources(document, page))
        {
            if (!seen.Add(address))
            {
                continue;
            }

            var body = await FetchAsync(client, address, kind, transfers);
            if (kind == "stylesheet")
            {
                foreach (var referenced in CssReferences(System.Text.Encoding.UTF8.GetString(body), address))
                {
                    if (seen.Add(referenced))
                    {
                        await FetchAsync(client, referenced, "from a stylesheet", transfers);
                    }
                }
            }
        }

        return transfers;
    }

    private static async Task<byte[]> FetchAsync(HttpClient client, Uri address, string kind, List<Transfer> transfers)
    {
        Assert.True(address.Host == client.BaseAddress!.Host, $"{kind} {address} is on another host: a first visit would depend on it too");
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {address.PathAndQuery} ({kind}): {(int)response.StatusCode}");
        var sent = await response.Content.ReadAsByteArrayAsync();
        var plain = Decode(sent, response.Content.Headers.ContentEncoding.SingleOrDefault());
        transfers.Add(new Transfer(address, kind, sent.Length, response.Headers.CacheControl, IsFingerprinted(address, plain)));
        return plain;
    }

    /// <summary>
    /// The address names its bytes: ?v= is their SHA-256 (asp-append-version), or the file name holds
    /// a hash of them (uploaded covers), so a changed file gets a new address and a year's cache is safe.
    /// </summary>
    private static bool IsFingerprinted(Uri address, byte[] plain)
    {
        var query = QueryHelpers.ParseQuery(address.Query);
        if (query.TryGetValue(StaticAssets.VersionQueryKey, out var version))
        {
            return version.ToString() == WebEncoders.Base64UrlEncode(SHA256.HashData(plain));
        }

        return HashInName().IsMatch(System.IO.Path.GetFileName(address.AbsolutePath));
    }

    private static byte[] Decode(byte[] body, string? encoding)
    {
        using Stream decoded = encoding switch
        {
            null or ContentEncodings.Identity => new MemoryStream(body),
            ContentEncodings.Brotli => new BrotliStream(new MemoryStream(body), CompressionMode.Decompress),
            ContentEncodings.Gzip => new GZipStream(new MemoryStream(body), CompressionMode.Decompress),
            _ => throw new InvalidOperationException($"Unexpected Content-Encoding {encoding}"),
        };
        using var plain = new MemoryStream();
        decoded.CopyTo(plain);
        return plain.ToArray();
    }

    private static IEnumerable<(Uri Address, string Kind)> Subresources(IDocument document, Uri page)
    {
        foreach (var link in document.QuerySelectorAll("link[href]"))
        {
            var rel = (link.GetAttribute("rel") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var kind = rel.FirstOrDefault(r => r is "stylesheet" or "icon" or "preload" or "modulepreload");
            if (kind is not null)
            {
                yield return (new Uri(page, link.GetAttribute("href")), kind);
            }
        }

        foreach (var script in document.QuerySelectorAll("script[src]"))
        {
            yield return (new Uri(page, script.GetAttribute("src")), "script");
        }

        foreach (var image in document.QuerySelectorAll("img"))
        {
            if (!string.Equals(image.GetAttribute("loading"), "lazy", StringComparison.OrdinalIgnoreCase) && PhoneCandidate(image) is { } source)
            {
                yield return (new Uri(page, source), "image");
            }
        }
    }

    private static IEnumerable<Uri> CssReferences(string css, Uri stylesheet) =>
        CssUrl().Matches(css)
            .Select(match => match.Groups["url"].Value.Trim())
            .Where(url => url.Length > 0 && !url.StartsWith("data:", StringComparison.OrdinalIgnoreCase) && !url.StartsWith('#'))
            .Select(url => new Uri(stylesheet, url));

    private static string? PhoneCandidate(IElement image)
    {
        if (image.ParentElement is { LocalName: "picture" } picture)
        {
            foreach (var source in picture.Children.Where(child => child.LocalName == "source"))
            {
                var type = source.GetAttribute("type");
                if ((type is null || DecodedTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
                    && MediaMatches(source.GetAttribute("media"))
                    && Pick(source.GetAttribute("srcset"), null, source.GetAttribute("sizes") ?? image.GetAttribute("sizes")) is { } chosen)
                {
                    return chosen;
                }
            }
        }

        return Pick(image.GetAttribute("srcset"), image.GetAttribute("src"), image.GetAttribute("sizes"));
    }

    private static string? Pick(string? srcset, string? src, string? sizes)
    {
        var candidates = (srcset ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(candidate => candidate.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(parts => (Url: parts[0], Descriptor: parts.Length > 1 ? parts[1] : "1x"))
            .ToList();
        if (!string.IsNullOrEmpty(src))
        {
            candidates.Add((src, "1x"));
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        var widths = candidates.Where(c => c.Descriptor.EndsWith('w')).Select(c => (c.Url, Size: Number(c.Descriptor[..^1]))).ToList();
        if (widths.Count > 0)
        {
            var needed = SlotWidth(sizes) * PhoneDensity;
            return widths.Where(c => c.Size >= needed).OrderBy(c => c.Size).Select(c => c.Url).FirstOrDefault() ?? widths.MaxBy(c => c.Size).Url;
        }

        var densities = candidates.Select(c => (c.Url, Size: c.Descriptor.EndsWith('x') ? Number(c.Descriptor[..^1]) : 1)).ToList();
        return densities.Where(c => c.Size >= PhoneDensity).OrderBy(c => c.Size).Select(c => c.Url).FirstOrDefault() ?? densities.MaxBy(c => c.Size).Url;
    }

    /// <summary>The image's width in CSS px on the phone: the first entry of `sizes` whose media matches.</summary>
    private static double SlotWidth(string? sizes)
    {
        foreach (var entry in (sizes ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var media = entry.StartsWith('(') ? entry[..(entry.LastIndexOf(')') + 1)] : null;
            if (!MediaMatches(media))
            {
                continue;
            }

            var length = (media is null ? entry : entry[media.Length..]).Trim();
            return length.EndsWith("px", StringComparison.Ordinal) ? Number(length[..^2])
                : length.EndsWith("vw", StringComparison.Ordinal) ? Number(length[..^2]) * PhoneWidth / 100
                : PhoneWidth;
        }

        return PhoneWidth;
    }

    /// <summary>(min-width: Npx) and (max-width: Npx), joined by "and"; anything else does not match.</summary>
    private static bool MediaMatches(string? media) =>
        string.IsNullOrWhiteSpace(media)
        || media.Split(" and ", StringSplitOptions.TrimEntries).All(condition => MediaCondition().Match(condition) is { Success: true } match
            && (match.Groups["bound"].Value == "min" ? PhoneWidth >= Number(match.Groups["px"].Value) : PhoneWidth <= Number(match.Groups["px"].Value)));

    private static double Number(string text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 0;

    [GeneratedRegex(@"[0-9a-f]{32}")]
    private static partial Regex HashInName();

    [GeneratedRegex(@"url\(\s*['""]?(?<url>[^'"")]*)['""]?\s*\)|@import\s+['""](?<url>[^'""]+)['""]")]
    private static partial Regex CssUrl();

    [GeneratedRegex(@"^\(\s*(?<bound>min|max)-width\s*:\s*(?<px>[\d.]+)px\s*\)$")]
    private static partial Regex MediaCondition();
}
