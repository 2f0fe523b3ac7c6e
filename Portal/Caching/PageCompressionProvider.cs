using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;

namespace Portal.Caching;

/// <summary>
/// The framework's compression choice, plus a look at the answer itself: a page that turned out to
/// carry a form token (antiforgery marks it no-store), someone's own page (private) or a Set-Cookie
/// is sent uncompressed, so no secret is ever compressed next to text an attacker chose (BREACH),
/// whatever the request looked like. The request's Accept-Encoding was already narrowed to one
/// encoding by <see cref="CachedPageAttribute"/>, so the variant made is the one its key names.
/// </summary>
public sealed class PageCompressionProvider(IServiceProvider services, IOptions<ResponseCompressionOptions> options) : IResponseCompressionProvider
{
    private readonly ResponseCompressionProvider _framework = new(services, options);

    public bool CheckRequestAcceptsCompression(HttpContext context) => _framework.CheckRequestAcceptsCompression(context);

    public ICompressionProvider? GetCompressionProvider(HttpContext context) => _framework.GetCompressionProvider(context);

    public bool ShouldCompressResponse(HttpContext context)
    {
        var headers = context.Response.Headers;
        if (headers.ContainsKey(HeaderNames.SetCookie)
            || HeaderUtilities.ContainsCacheDirective(headers.CacheControl, CacheControlHeaderValue.NoStoreString)
            || HeaderUtilities.ContainsCacheDirective(headers.CacheControl, CacheControlHeaderValue.PrivateString))
        {
            return false;
        }

        return _framework.ShouldCompressResponse(context);
    }
}
