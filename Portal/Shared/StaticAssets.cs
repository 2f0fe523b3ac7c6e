using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Portal.Shared;

/// <summary>
/// The files in wwwroot/. Pages link them with asp-append-version (?v= is the hash of the file's
/// bytes), so a request whose version is the file's current one may be cached for a year: a new
/// file gets a new link. Any other request (no version, or a stale one from an old page) is
/// cached briefly and revalidated by its ETag, so a stale link never pins an old file.
/// Text files are answered Brotli- or gzip-compressed when the client accepts it, from variants
/// compressed once per version of the file and held in memory with the plain bytes (see
/// <see cref="StaticFileVariants"/>), with Vary: Accept-Encoding on every answer for such a file.
/// </summary>
/// <remarks>
/// Not the framework's MapStaticAssets: outside Development it serves only what `dotnet publish`
/// lays out (its compressed variants live in obj/ after a build), while the portal also runs in
/// Production straight from the build output (the tests' PortalProcess) and in the
/// "Testing" environment under WebApplicationFactory, and our wwwroot/ sits at the repository root,
/// outside the project folder the static web assets SDK scans.
/// </remarks>
public static class StaticAssets
{
    public const string VersionedCacheControl = "public,max-age=31536000,immutable";

    /// <summary>An hour, then a revalidation (a 304 by ETag while the file is unchanged).</summary>
    public const string UnversionedCacheControl = "public,max-age=3600";

    public const string VersionQueryKey = "v";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static WebApplication UsePortalStaticFiles(this WebApplication app)
    {
        var versions = app.Services.GetRequiredService<IFileVersionProvider>();
        var webRoot = app.Environment.WebRootFileProvider;
        var brotli = new StaticFileVariants(webRoot, ContentEncodings.Brotli);
        var gzip = new StaticFileVariants(webRoot, ContentEncodings.Gzip);
        var identity = new StaticFileVariants(webRoot, ContentEncodings.Identity);

        app.Use(next =>
        {
            // The framework's middleware (ranges, ETag, 304, HEAD all come from it) over each file
            // provider; one that lacks a file (not text, too large, not smaller compressed, Brotli still
            // being made unless the client takes nothing else) falls through to the next encoding the
            // client accepts, then to the file's bytes in memory, at last to the file on disk.
            var fromDisk = StaticFiles(app, next, webRoot, versions);
            var identityFiles = StaticFiles(app, fromDisk, identity, versions);
            var gzipFiles = StaticFiles(app, identityFiles, gzip, versions);
            var brotliThenGzip = StaticFiles(app, gzipFiles, brotli, versions);
            var brotliOnly = StaticFiles(app, identityFiles, brotli.WaitingForBackground, versions);
            return context =>
            {
                if (!IsCompressible(context.Request.Path.Value))
                {
                    return fromDisk(context);
                }

                var (acceptsBrotli, acceptsGzip) = ContentEncodings.Accepted(context.Request.Headers.AcceptEncoding);
                return (acceptsBrotli, acceptsGzip) switch
                {
                    (true, true) => brotliThenGzip(context),
                    (true, false) => brotliOnly(context),
                    (false, true) => gzipFiles(context),
                    _ => identityFiles(context),
                };
            };
        });
        return app;
    }

    private static RequestDelegate StaticFiles(WebApplication app, RequestDelegate next, IFileProvider files, IFileVersionProvider versions)
    {
        var options = new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = ContentTypes,
            OnPrepareResponse = context => PrepareResponse(context, versions),
        };
        return new StaticFileMiddleware(next, app.Environment, Options.Create(options), app.Services.GetRequiredService<ILoggerFactory>()).Invoke;
    }

    private static void PrepareResponse(StaticFileResponseContext file, IFileVersionProvider versions)
    {
        var context = file.Context;
        var headers = context.Response.Headers;
        headers.CacheControl = IsCurrentVersion(context.Request, versions) ? VersionedCacheControl : UnversionedCacheControl;
        if (IsCompressible(context.Request.Path.Value))
        {
            // Caches must keep the plain and the compressed answers apart, whichever this one is.
            headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        }

        if (file.File is StaticFileVariants.VariantFile { Encoding: not ContentEncodings.Identity } compressed)
        {
            headers.ContentEncoding = compressed.Encoding;
        }
    }

    /// <summary>Whether ?v= is the hash asp-append-version puts in today's links to this file.</summary>
    private static bool IsCurrentVersion(HttpRequest request, IFileVersionProvider versions)
    {
        var asked = request.Query[VersionQueryKey];
        if (asked.Count != 1 || string.IsNullOrEmpty(asked[0]) || request.Path.Value is not { } path)
        {
            return false;
        }

        // The framework's own provider (cached, refreshed when the file changes): the same hash the links carry.
        var current = versions.AddFileVersionToPath(PathString.Empty, path);
        var marker = current.IndexOf("?" + VersionQueryKey + "=", StringComparison.Ordinal);
        return marker >= 0 && current.AsSpan(marker + VersionQueryKey.Length + 2).SequenceEqual(asked[0]);
    }

    /// <summary>Text that compresses well: css, js, svg, json, xml, txt, web manifests.</summary>
    internal static bool IsCompressible(string? path)
    {
        if (path is null || !ContentTypes.TryGetContentType(path, out var type))
        {
            return false;
        }

        return type.StartsWith("text/", StringComparison.Ordinal)
            || type is "application/javascript" or "application/json" or "application/xml"
                or "application/manifest+json" or "image/svg+xml";
    }
}
