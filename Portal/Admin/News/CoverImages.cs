using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;
using SkiaSharp;

namespace Portal.Admin.News;

/// <summary>
/// Cover images of articles. An upload is never trusted: its type is read from its first bytes
/// (not its name or the browser's content type), only JPEG, PNG and WebP up to 5 MB are decoded,
/// and what is stored is a fresh JPEG drawn from the decoded pixels: resized, turned upright,
/// without the original's metadata (camera, GPS) or anything hidden after the image data. Files
/// are named by the hash of their bytes, so an address never changes content and can be cached
/// for a year. Stateless and thread-safe: a singleton.
/// </summary>
public sealed partial class CoverImages(DataFolder data)
{
    public const string RequestPath = "/unggahan";
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>Longest side of the stored image: sharp on a laptop, light on a phone.</summary>
    public const int MaxSide = 1600;

    /// <summary>Refuses decompression bombs: a small file that would decode to gigabytes.</summary>
    private const long MaxPixels = 40_000_000;

    /// <summary>
    /// Most pixels held in memory at once (4 bytes each: 64 MB). JPEG decodes straight to a
    /// fraction of its size, so a 40-megapixel photo stays under this; PNG decodes at full size
    /// only, so a PNG above it is refused before a byte of pixels is allocated.
    /// </summary>
    private const long MaxDecodedPixels = 16_000_000;

    private const int JpegQuality = 82;

    public string Folder => data.Folder(DataFolder.UploadsFolder);

    /// <summary>The stored image's address, or why the upload was refused.</summary>
    public async Task<FormResult<string>> StoreAsync(Stream upload, CancellationToken cancellationToken)
    {
        var bytes = await ReadAtMostAsync(upload, MaxBytes + 1, cancellationToken);
        if (bytes.Length == 0)
        {
            return Refused("Berkas gambar kosong. Pilih berkas lain.");
        }

        if (bytes.Length > MaxBytes)
        {
            return Refused("Ukuran gambar sampul paling besar 5 MB. Perkecil gambar lalu unggah kembali.");
        }

        var format = Sniff(bytes);
        if (format is null)
        {
            return Refused("Gambar sampul harus berformat JPEG, PNG, atau WebP. Isi berkas ini bukan salah satunya, apa pun nama berkasnya.");
        }

        byte[]? jpeg;
        try
        {
            jpeg = ReEncode(bytes, format.Value, out var problem);
            if (jpeg is null)
            {
                return Refused(problem!);
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return Refused("Gambar tidak dapat dibaca; berkas mungkin rusak. Simpan ulang gambar lalu unggah kembali.");
        }

        var name = Convert.ToHexStringLower(SHA256.HashData(jpeg))[..32] + ".jpg";
        var path = Path.Combine(Folder, name);
        if (!File.Exists(path))
        {
            // Written beside and moved into place, so a reader never sees half a file.
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(temporary, jpeg, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }

        return new FormResult<string>($"{RequestPath}/{name}");
    }

    /// <summary>Whether a path is an upload this service stored (a hidden form field is not trusted either).</summary>
    public bool IsStoredUpload(string? path)
    {
        if (path is null || !path.StartsWith(RequestPath + "/", StringComparison.Ordinal))
        {
            return false;
        }

        var name = path[(RequestPath.Length + 1)..];
        return StoredName().IsMatch(name) && File.Exists(Path.Combine(Folder, name));
    }

    /// <summary>GET /unggahan/{file}: stored covers, cached for a year (their names change when their bytes do).</summary>
    public IResult Serve(string file, HttpContext context)
    {
        var path = Path.Combine(Folder, file);
        if (!StoredName().IsMatch(file) || !File.Exists(path))
        {
            return Results.NotFound();
        }

        context.Response.Headers[HeaderNames.CacheControl] = "public,max-age=31536000,immutable";
        return TypedResults.PhysicalFile(path, "image/jpeg", lastModified: File.GetLastWriteTimeUtc(path),
            entityTag: new EntityTagHeaderValue($"\"{file[..^4]}\""));
    }

    internal static SKEncodedImageFormat? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes is [0xFF, 0xD8, 0xFF, ..])
        {
            return SKEncodedImageFormat.Jpeg;
        }

        if (bytes is [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..])
        {
            return SKEncodedImageFormat.Png;
        }

        // "RIFF", four bytes of length, "WEBP".
        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return SKEncodedImageFormat.Webp;
        }

        return null;
    }

    private static byte[]? ReEncode(byte[] bytes, SKEncodedImageFormat format, out string? problem)
    {
        using var skData = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(skData);
        if (codec is null || codec.EncodedFormat != format)
        {
            problem = "Gambar tidak dapat dibaca; berkas mungkin rusak. Simpan ulang gambar lalu unggah kembali.";
            return null;
        }

        var source = codec.Info;
        if ((long)source.Width * source.Height > MaxPixels)
        {
            problem = "Resolusi gambar terlalu besar (lebih dari 40 megapiksel). Perkecil gambar lalu unggah kembali.";
            return null;
        }

        // JPEG decodes directly at 1/2, 1/4 or 1/8 size, which spares memory for large photos.
        var scale = Math.Min(1f, (float)MaxSide / Math.Max(source.Width, source.Height));
        var decodedSize = codec.GetScaledDimensions(scale);
        if (decodedSize.Width < source.Width * scale || decodedSize.Height < source.Height * scale)
        {
            decodedSize = new SKSizeI(source.Width, source.Height);
        }

        if ((long)decodedSize.Width * decodedSize.Height > MaxDecodedPixels)
        {
            problem = "Resolusi gambar terlalu besar untuk diproses (lebih dari 16 megapiksel). Perkecil gambar, atau simpan sebagai JPEG, lalu unggah kembali.";
            return null;
        }

        var decodeInfo = new SKImageInfo(decodedSize.Width, decodedSize.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(decodeInfo);
        if (codec.GetPixels(decodeInfo, decoded.GetPixels()) != SKCodecResult.Success)
        {
            problem = "Gambar tidak lengkap atau rusak. Simpan ulang gambar lalu unggah kembali.";
            return null;
        }

        var width = Math.Max(1, (int)Math.Round(source.Width * scale));
        var height = Math.Max(1, (int)Math.Round(source.Height * scale));
        var origin = codec.EncodedOrigin;
        var turned = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (outWidth, outHeight) = turned ? (height, width) : (width, height);

        using var surface = SKSurface.Create(new SKImageInfo(outWidth, outHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        // JPEG has no transparency: a transparent PNG is laid on white, as it looks on the page.
        canvas.Clear(SKColors.White);
        TurnUpright(canvas, origin, outWidth, outHeight);
        using var image = SKImage.FromBitmap(decoded);
        canvas.DrawImage(image, new SKRect(0, 0, width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        canvas.Flush();

        using var snapshot = surface.Snapshot();
        using var encoded = snapshot.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
        problem = null;
        return encoded.ToArray();
    }

    /// <summary>Applies the EXIF orientation a phone camera records, since the stored JPEG carries no EXIF.</summary>
    private static void TurnUpright(SKCanvas canvas, SKEncodedOrigin origin, int width, int height)
    {
        switch (origin)
        {
            case SKEncodedOrigin.TopRight:
                canvas.Translate(width, 0);
                canvas.Scale(-1, 1);
                break;
            case SKEncodedOrigin.BottomRight:
                canvas.Translate(width, height);
                canvas.RotateDegrees(180);
                break;
            case SKEncodedOrigin.BottomLeft:
                canvas.Translate(0, height);
                canvas.Scale(1, -1);
                break;
            case SKEncodedOrigin.LeftTop:
                canvas.Scale(-1, 1);
                canvas.RotateDegrees(90);
                break;
            case SKEncodedOrigin.RightTop:
                canvas.Translate(width, 0);
                canvas.RotateDegrees(90);
                break;
            case SKEncodedOrigin.RightBottom:
                canvas.Translate(width, height);
                canvas.Scale(1, -1);
                canvas.RotateDegrees(90);
                break;
            case SKEncodedOrigin.LeftBottom:
                canvas.Translate(0, height);
                canvas.RotateDegrees(-90);
                break;
        }
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static FormResult<string> Refused(string message) => FormResult<string>.Fail(null, message);

    [GeneratedRegex("^[0-9a-f]{32}\\.jpg$", RegexOptions.CultureInvariant)]
    private static partial Regex StoredName();
}
