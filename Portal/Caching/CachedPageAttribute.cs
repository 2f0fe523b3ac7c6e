using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Portal.Search;

namespace Portal.Caching;

/// <summary>
/// Marks a public page or endpoint whose anonymous answer is cached (see <see cref="PageCache"/>),
/// and is the output cache's policy for it. Only the query keys the page reads make new entries:
/// "?utm_source=x" and other junk share the page's entry, so random parameters cannot fill memory.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class CachedPageAttribute(params string[] queryKeys) : Attribute, IOutputCachePolicy
{
    private readonly StringValues _queryKeys = new(queryKeys);

    /// <summary>
    /// The page shows search results: its entries are also keyed on the index's position, so a
    /// result page rendered before the index applied a save is not served after it has.
    /// </summary>
    public bool ShowsSearchIndex { get; init; }

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        if (!PageCacheRules.IsAnonymousRead(http.Request))
        {
            context.EnableOutputCaching = false;
            return ValueTask.CompletedTask;
        }

        return EnableAsync(context, cancellationToken);
    }

    private async ValueTask EnableAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;

        // The cache keys on all values of a key (sorted), model binding reads the first: with
        // "?halaman=9&halaman=1" and "?halaman=1&halaman=9" one entry would answer two pages.
        foreach (var key in queryKeys)
        {
            if (http.Request.Query[key].Count > 1)
            {
                context.EnableOutputCaching = false;
                return;
            }
        }

        var cache = http.RequestServices.GetRequiredService<PageCache>();
        var (generation, lifetime) = await cache.CurrentAsync(cancellationToken);

        // Compression happens inside the cache, once per entry; the entry for each encoding is
        // keyed on the normalized choice, never on the raw header (which browsers spell in dozens
        // of ways), and the compression middleware below sees only that choice, so the variant it
        // makes (ResponseCompression picks the one named encoding) is the one the key names.
        var encoding = ContentEncodings.Choose(http.Request.Headers.AcceptEncoding);
        http.Request.Headers.AcceptEncoding = encoding;

        var vary = context.CacheVaryByRules;
        vary.QueryKeys = _queryKeys;
        vary.VaryByValues["g"] = PageCacheRules.GenerationText(generation);
        vary.VaryByValues["e"] = encoding;
        if (ShowsSearchIndex)
        {
            var index = http.RequestServices.GetRequiredService<SearchIndex>();
            vary.VaryByValues["s"] = $"{index.State}:{index.LastAppliedChangeId}";
        }

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = lifetime;
        context.Tags.Add(PageCache.Tag);
        PageCacheRules.MarkCaching(http);
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>What the page answered decides whether it may be stored, whatever the request looked like.</summary>
    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var response = http.Response;
        if (response.StatusCode != StatusCodes.Status200OK
            || response.Headers.ContainsKey(HeaderNames.SetCookie)
            // Antiforgery marks a page with a token no-store; "private" is someone's own page.
            || HeaderUtilities.ContainsCacheDirective(response.Headers.CacheControl, CacheControlHeaderValue.NoStoreString)
            || HeaderUtilities.ContainsCacheDirective(response.Headers.CacheControl, CacheControlHeaderValue.PrivateString)
            || PageCacheRules.IsPersonal(http))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
