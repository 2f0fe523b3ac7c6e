using Microsoft.Net.Http.Headers;

namespace Portal.Caching;

/// <summary>Who may get a cached page, which encoding, and the per-request marks the cache reads.</summary>
public static class PageCacheRules
{
    /// <summary>
    /// The one cookie an anonymous visitor may carry and still share pages: antiforgery's, which
    /// public pages do not read. Any other cookie (sign-in, TempData with a status message, one we
    /// do not know) means the page may be someone's own, so it is neither served from nor stored in
    /// the cache.
    /// </summary>
    public const string AntiforgeryCookie = "portal.af";

    private static readonly object CachingKey = new();
    private static readonly object PersonalKey = new();
    private static readonly string[] GenerationTexts = Enumerable.Range(0, 64).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public static bool IsAnonymousRead(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        var headers = request.Headers;
        if (headers.ContainsKey(HeaderNames.Authorization))
        {
            return false;
        }

        if (!headers.ContainsKey(HeaderNames.Cookie))
        {
            return true;
        }

        foreach (var cookie in request.Cookies)
        {
            if (cookie.Key != AntiforgeryCookie)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The cache key's generation part without an allocation for the first generations.</summary>
    public static string GenerationText(long generation) =>
        generation < GenerationTexts.Length ? GenerationTexts[generation] : generation.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Set by the policy: this request's answer goes into the cache, so it is compressed and tagged.</summary>
    public static void MarkCaching(HttpContext context) => context.Items[CachingKey] = true;

    public static bool IsCaching(HttpContext context) => context.Items.ContainsKey(CachingKey);

    /// <summary>
    /// The answer is buffered for its ETag and compressed: a cached page's own answer, not a status
    /// page or error page re-executed for it (those are not stored, and the error page may show
    /// things that must not be compressed).
    /// </summary>
    public static bool IsCompressing(HttpContext context) =>
        IsCaching(context)
        && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null
        && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null;

    /// <summary>
    /// The page showed something meant for this visitor only (a status message after a redirect):
    /// it must not be stored, even if the request looked anonymous.
    /// </summary>
    public static void MarkPersonal(HttpContext context) => context.Items[PersonalKey] = true;

    public static bool IsPersonal(HttpContext context) => context.Items.ContainsKey(PersonalKey);
}
