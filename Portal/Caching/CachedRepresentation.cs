using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Portal.Caching;

/// <summary>
/// Runs inside the output cache, outside compression, for answers about to be cached: buffers the
/// final (compressed) bytes once, so that the stored entry carries a strong ETag of exactly those
/// bytes, a Content-Length, and "Vary: Accept-Encoding" (the compression middleware adds Vary only
/// when the client accepted some encoding; the identity variant needs it too). The output cache
/// then answers If-None-Match with 304 from the stored ETag on every later hit.
/// </summary>
public sealed class CachedRepresentation(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!PageCacheRules.IsCompressing(context))
        {
            await next(context);
            return;
        }

        var response = context.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
        }

        // A HEAD answer has no body to hash or count: its headers must not claim an empty page.
        if (response.StatusCode == StatusCodes.Status200OK && !HttpMethods.IsHead(context.Request.Method))
        {
            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            response.Headers.ETag = ETagOf(bytes);
            response.ContentLength = bytes.Length;
            if (!response.Headers.Vary.Any(v => v != null && v.Contains(HeaderNames.AcceptEncoding, StringComparison.OrdinalIgnoreCase)))
            {
                response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
            }
        }

        if (buffer.Length > 0)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        }
    }

    /// <summary>Strong, per representation: the gzip and Brotli variants of one page differ.</summary>
    private static string ETagOf(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        return $"\"{Base64Url.EncodeToString(hash[..16])}\"";
    }
}
