using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.FileProviders;
using Portal.Shared;

namespace Portal.Tests.Shared;

public class StaticFilesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string OneYearImmutable = "public, max-age=31536000, immutable";

    [Fact]
    public async Task The_layout_links_every_css_js_and_icon_file_with_the_hash_of_its_bytes()
    {
        var page = await factory.CreatePortalClient().GetPageAsync("/");

        var links = page.QuerySelectorAll("link[rel=stylesheet], link[rel=icon]").Select(l => l.GetAttribute("href"))
            .Concat(page.QuerySelectorAll("script[src], header img").Select(s => s.GetAttribute("src")))
            .ToList();

        Assert.Contains("/css/portal.min.css?v=" + VersionOf("css/portal.min.css"), links);
        Assert.Contains("/img/favicon.svg?v=" + VersionOf("img/favicon.svg"), links);
        Assert.All(links, link => Assert.Contains("?v=", link, StringComparison.Ordinal));
        Assert.Equal("http://localhost/img/og-default.png?v=" + VersionOf("img/og-default.png"), page.Meta("og:image"));
    }

    [Fact]
    public async Task A_file_asked_for_by_its_current_version_is_cached_for_a_year_as_immutable()
    {
        using var response = await GetAsync("/css/site.css?v=" + VersionOf("css/site.css"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OneYearImmutable, response.Headers.CacheControl!.ToString());
    }

    [Theory]
    [InlineData("/css/site.css")]
    [InlineData("/css/site.css?v=versi-lama")]
    [InlineData("/css/site.css?v=")]
    public async Task A_file_asked_for_without_its_current_version_is_cached_for_an_hour_only(string path)
    {
        using var response = await GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=3600", response.Headers.CacheControl!.ToString());
        Assert.Equal(File.ReadAllBytes(WebRootFile("css/site.css")), await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("css/site.css", "text/css")]
    [InlineData("js/article-editor.js", "text/javascript")]
    [InlineData("img/favicon.svg", "image/svg+xml")]
    public async Task Text_files_are_answered_in_brotli_gzip_or_plain_as_the_client_accepts_each_with_the_same_bytes(string file, string contentType)
    {
        var original = File.ReadAllBytes(WebRootFile(file));
        await BrotliMadeAsync("/" + file);

        using var brotli = await GetAsync("/" + file, ("Accept-Encoding", "gzip, deflate, br"));
        using var gzip = await GetAsync("/" + file, ("Accept-Encoding", "gzip"));
        using var plain = await GetAsync("/" + file);

        Assert.Equal(["br"], brotli.Content.Headers.ContentEncoding);
        Assert.Equal(original, await DecodedBodyAsync(brotli));
        Assert.Equal(["gzip"], gzip.Content.Headers.ContentEncoding);
        Assert.Equal(original, await DecodedBodyAsync(gzip));
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(original, await plain.Content.ReadAsByteArrayAsync());
        foreach (var response in new[] { brotli, gzip, plain })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            Assert.NotNull(response.Headers.ETag);
            Assert.NotNull(response.Content.Headers.LastModified);
        }

        Assert.True(brotli.Content.Headers.ContentLength < original.Length, $"{file}: {brotli.Content.Headers.ContentLength} bytes of Brotli for {original.Length}");
        Assert.Equal(3, new[] { brotli, gzip, plain }.Select(r => r.Headers.ETag!.Tag).Distinct().Count());
    }

    [Theory]
    // The full table of choices is ContentEncodings' (Portal.Tests.Caching.PageCacheTests); these show the files follow it.
    [InlineData("gzip;q=1, br;q=0.5", "gzip")]
    [InlineData("*", "br")]
    [InlineData("identity", null)]
    public async Task The_encoding_follows_the_preferences_the_client_states(string acceptEncoding, string? expected)
    {
        await BrotliMadeAsync("/css/site.css");

        using var response = await GetAsync("/css/site.css", ("Accept-Encoding", acceptEncoding));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected is null ? [] : [expected], response.Content.Headers.ContentEncoding);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task A_file_the_client_already_has_is_answered_304_by_its_etag_in_each_encoding(string? encoding)
    {
        (string, string)[] accept = encoding is null ? [] : [("Accept-Encoding", encoding)];
        var path = "/css/site.css?v=" + VersionOf("css/site.css");
        await BrotliMadeAsync(path);
        using var first = await GetAsync(path, accept);

        using var again = await GetAsync(path, [.. accept, ("If-None-Match", first.Headers.ETag!.Tag)]);
        using var byDate = await GetAsync(path, [.. accept, ("If-Modified-Since", first.Content.Headers.LastModified!.Value.ToString("R"))]);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal(OneYearImmutable, again.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, byDate.StatusCode);
    }

    [Theory]
    // Each file is asked for here first: its Brotli variant is not made yet.
    [InlineData("/lib/easymde/easymde.min.css", "br, gzip", "gzip")]
    [InlineData("/lib/easymde/easymde.min.js", "br", "br")]
    public async Task Until_a_files_Brotli_variant_is_made_gzip_is_sent_unless_the_client_takes_only_Brotli(string path, string acceptEncoding, string expected)
    {
        using var first = await GetAsync(path, ("Accept-Encoding", acceptEncoding));

        Assert.Equal([expected], first.Content.Headers.ContentEncoding);
        Assert.Equal(File.ReadAllBytes(WebRootFile(path)), await DecodedBodyAsync(first));
        await BrotliMadeAsync(path);
    }

    [Fact]
    public async Task An_image_is_never_compressed_again_and_its_answer_does_not_vary()
    {
        using var response = await GetAsync("/img/og-default.png", ("Accept-Encoding", "br, gzip"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Empty(response.Headers.Vary);
        Assert.Equal(File.ReadAllBytes(WebRootFile("img/og-default.png")), await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(ContentEncodings.Brotli)]
    [InlineData(ContentEncodings.Gzip)]
    [InlineData(ContentEncodings.Identity)]
    public async Task A_variant_in_memory_is_made_again_when_its_file_changes(string encoding)
    {
        var folder = Directory.CreateTempSubdirectory("portal-static-");
        try
        {
            var path = Path.Combine(folder.FullName, "site.css");
            File.WriteAllText(path, string.Concat(Enumerable.Repeat("body { color: red; }\n", 50)));
            using var source = new PhysicalFileProvider(folder.FullName);
            var variants = new StaticFileVariants(source, encoding);
            var before = Read(await MadeAsync(variants, "/site.css"));

            File.WriteAllText(path, string.Concat(Enumerable.Repeat("body { color: blue; }\n", 60)));
            File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(1));
            var after = await MadeAsync(variants, "/site.css");

            Assert.Contains("red", Decompress(before, encoding), StringComparison.Ordinal);
            Assert.Equal(File.ReadAllText(path), Decompress(Read(after), encoding));
            Assert.Equal(File.GetLastWriteTimeUtc(path), after.LastModified.UtcDateTime);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Brotli variants are made in the background; the first requests get gzip meanwhile.</summary>
    private Task BrotliMadeAsync(string path) => Eventually.TrueAsync(async () =>
    {
        using var response = await GetAsync(path, ("Accept-Encoding", "br"));
        return response.Content.Headers.ContentEncoding.Contains("br");
    }, $"{path} answered in Brotli");

    private static async Task<IFileInfo> MadeAsync(StaticFileVariants variants, string subpath)
    {
        await Eventually.TrueAsync(() => Task.FromResult(variants.GetFileInfo(subpath).Exists), $"a variant of {subpath}");
        return variants.GetFileInfo(subpath);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await factory.CreatePortalClient().SendAsync(request);
    }

    /// <summary>The file under wwwroot, named as a path on the site ("/css/site.css") or relative to wwwroot.</summary>
    private static string WebRootFile(string path) => Path.Combine(ContentRoot.Resolve(), "wwwroot", path.TrimStart('/'));

    /// <summary>What asp-append-version puts after ?v=: the SHA-256 of the file, base64url.</summary>
    private static string VersionOf(string relative) => WebEncoders.Base64UrlEncode(SHA256.HashData(File.ReadAllBytes(WebRootFile(relative))));

    /// <summary>The body as the client reads it, decoded by the response's own Content-Encoding.</summary>
    private static async Task<byte[]> DecodedBodyAsync(HttpResponseMessage response) =>
        Decode(await response.Content.ReadAsByteArrayAsync(), Assert.Single(response.Content.Headers.ContentEncoding));

    private static byte[] Decode(byte[] body, string encoding)
    {
        using var decoded = new MemoryStream();
        using (Stream stream = encoding switch
        {
            ContentEncodings.Brotli => new BrotliStream(new MemoryStream(body), CompressionMode.Decompress),
            ContentEncodings.Gzip => new GZipStream(new MemoryStream(body), CompressionMode.Decompress),
            _ => new MemoryStream(body),
        })
        {
            stream.CopyTo(decoded);
        }

        return decoded.ToArray();
    }

    private static byte[] Read(IFileInfo file)
    {
        Assert.True(file.Exists);
        using var stream = file.CreateReadStream();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    private static string Decompress(byte[] body, string encoding) => System.Text.Encoding.UTF8.GetString(Decode(body, encoding));
}
