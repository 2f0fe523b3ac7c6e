using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Portal.Shared;

/// <summary>
/// The content encodings we send and the one choice among them for a request's Accept-Encoding,
/// shared by static files and cached pages so both answer the same header the same way.
/// </summary>
public static class ContentEncodings
{
    public const string Brotli = "br";
    public const string Gzip = "gzip";
    public const string Identity = "identity";

    /// <summary>
    /// Which of ours the client accepts: Brotli when accepted at least as much as gzip; gzip when
    /// accepted at all (the fallback while a Brotli variant is not made yet). A q of 0 refuses an
    /// encoding; "*" stands for any encoding not named; no header or a malformed one accepts neither.
    /// </summary>
    public static (bool Brotli, bool Gzip) Accepted(StringValues acceptEncoding)
    {
        if (StringValues.IsNullOrEmpty(acceptEncoding)
            || !StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var accepted))
        {
            return (false, false);
        }

        double? brotli = null, gzip = null, any = null;
        foreach (var value in accepted)
        {
            var quality = value.Quality ?? 1;
            if (value.Value.Equals(Brotli, StringComparison.OrdinalIgnoreCase))
            {
                brotli = quality;
            }
            else if (value.Value.Equals(Gzip, StringComparison.OrdinalIgnoreCase))
            {
                gzip = quality;
            }
            else if (value.Value.Equals("*", StringComparison.Ordinal))
            {
                any = quality;
            }
        }

        var brotliQuality = brotli ?? any ?? 0;
        var gzipQuality = gzip ?? any ?? 0;
        return (brotliQuality > 0 && brotliQuality >= gzipQuality, gzipQuality > 0);
    }

    /// <summary>The one encoding to send: Brotli, else gzip, else identity (see <see cref="Accepted"/>).</summary>
    public static string Choose(StringValues acceptEncoding) => Accepted(acceptEncoding) switch
    {
        (true, _) => Brotli,
        (false, true) => Gzip,
        _ => Identity,
    };
}
