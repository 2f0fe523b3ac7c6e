using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Portal.Caching;

/// <summary>
/// Cached public pages: the framework's output cache for anonymous GET/HEAD of the pages marked
/// <see cref="CachedPageAttribute"/>, with compressed variants stored (compressed once per entry),
/// ETags, and eviction driven by the change log (see <see cref="PageCache"/>).
/// </summary>
public static class PageCacheServices
{
    public static IServiceCollection AddPageCache(this IServiceCollection services)
    {
        services.AddOptions<PageCacheOptions>().BindConfiguration(PageCacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOutputCache();
        services.AddOptions<Microsoft.AspNetCore.OutputCaching.OutputCacheOptions>().Configure<IOptions<PageCacheOptions>>((output, pages) =>
        {
            output.SizeLimit = pages.Value.SizeLimitMegabytes * 1024L * 1024L;
            // Room for the largest answer we make on purpose: a sitemap part of 50,000 addresses is
            // about 5 MB, and one not cached would be rebuilt, buffered and hashed on every request.
            output.MaximumBodySize = 8 * 1024 * 1024;
            // "/berita/SLUG" is answered 404 by the page; it must not get the cached 200 of "/berita/slug".
            output.UseCaseSensitivePaths = true;
        });
        services.AddSingleton<PageCache>();
        services.AddHostedService<PageCacheFollower>();
        services.AddResponseCompression(options =>
        {
            // Only answers about to be cached reach the compressor (see UsePageCache), and of those
            // only ones without no-store, private or Set-Cookie (PageCompressionProvider): anonymous
            // public pages without tokens, so compressing over HTTPS reveals no secret (BREACH).
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "application/rss+xml"];
        });
        services.AddSingleton<IResponseCompressionProvider, PageCompressionProvider>();
        // Compressed on the request thread at every miss, and every page misses after each save (and
        // each import chunk): Optimal is a few percent larger than SmallestSize (Brotli 11, gzip 9)
        // at a fraction of the CPU.
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        return services;
    }

    /// <summary>
    /// After routing (the cache reads the endpoint's policy) and after everything that decides the
    /// headers every answer carries (forwarded client, HTTPS redirect, HSTS, security headers,
    /// status pages): those run for cache hits too. Before authentication, authorization,
    /// antiforgery and rate limiting, which a hit does not need: the policy serves only requests
    /// without cookies or credentials.
    /// </summary>
    public static IApplicationBuilder UsePageCache(this IApplicationBuilder app)
    {
        if (!app.ApplicationServices.GetRequiredService<IOptions<PageCacheOptions>>().Value.Enabled)
        {
            return app;
        }

        app.UseOutputCache();
        app.UseMiddleware<CachedRepresentation>();
        app.UseWhen(PageCacheRules.IsCompressing, compressed => compressed.UseResponseCompression());
        return app;
    }
}
