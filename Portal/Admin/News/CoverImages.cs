using System.Text.RegularExpressions;
using SkiaSharp;

namespace Portal.Admin.News;

/// <summary>
/// Cover images of articles. An upload is never trusted: its type is read from its first bytes
/// (not its name or the browser's content type), only JPEG, PNG and WebP up to 5 MB are decoded,
/// and what is stored is a fresh JPEG drawn from the decoded pixels: resized, turned upright,
/// without the original's metadata (camera, GPS) or anything hidden after the image data. Files
/// are named by the hash of their bytes, so an address never changes content and can be cached
/// for a year. Each stored cover also gets smaller sizes and WebP copies (see
/// <see cref="CoverVariants"/>). Stateless and thread-safe: a singleton.
/// </summary>
public sealed partial class CoverImages(DataFolder data, CoverVariants variants)
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

        SKImage? image;
        byte[] jpeg;
        try
        {
            image = DrawUpright(bytes, format.Value, out var problem);
            if (image is null)
            {
                return Refused(problem!);
            }

            jpeg = CoverVariants.Encode(image, image.Width, image.Height, SKEncodedImageFormat.Jpeg);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return Refused("Gambar tidak dapat dibaca; berkas mungkin rusak. Simpan ulang gambar lalu unggah kembali.");
        }

        using (image)
        {
            var key = CoverVariants.KeyOf(jpeg);
            var path = Path.Combine(Folder, key + ".jpg");
            if (!File.Exists(path))
            {
                CoverVariants.WriteWhole(path, jpeg);
            }

            // The smaller sizes come from the pixels at hand, so the first reader of the page finds them.
            variants.Write(image, key);
            return new FormResult<string>($"{RequestPath}/{key}.jpg");
        }
    }

    /// <summary>Whether a path is an upload this service stored (a hidden form field is not trusted either).</summary>
    public bool IsStoredUpload(string? path)
    {
        if (path is null || !path.StartsWith(RequestPath + "/", StringComparison.Ordinal))
        {
            return false;
        }

        var name = path[(RequestPath.Length + 1)..];
        return IsStoredName(name) && File.Exists(Path.Combine(Folder, name));
    }

    /// <summary>
    /// GET /unggahan/{file}: stored covers and their sizes, cached for a year (their names change
    /// when their bytes do).
    /// </summary>
    public IResult Serve(string file, HttpContext context)
    {
        if (!IsStoredName(file))
        {
            return variants.Serve(file, context);
        }

        var path = Path.Combine(Folder, file);
        return File.Exists(path) ? CoverVariants.Immutable(path, file, context) : Results.NotFound();
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

    /// <summary>
    /// The pixels as they are stored: decoded, turned upright, laid on white, no larger than
    /// <see cref="MaxSide"/>; null, with the reason, for an image that cannot or should not be decoded.
    /// </summary>
    internal static SKImage? DrawUpright(byte[] bytes, SKEncodedImageFormat format, out string? problem)
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
        var scale = Scale(source.Width, source.Height);
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
        var stored = StoredSize(codec);

        using var surface = SKSurface.Create(new SKImageInfo(stored.Width, stored.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        // JPEG has no transparency: a transparent PNG is laid on white, as it looks on the page.
        canvas.Clear(SKColors.White);
        TurnUpright(canvas, origin, stored.Width, stored.Height);
        using var image = SKImage.FromBitmap(decoded);
        canvas.DrawImage(image, new SKRect(0, 0, width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        canvas.Flush();

        problem = null;
        return surface.Snapshot();
    }

    /// <summary>The size <see cref="DrawUpright"/> gives an image, read from its header alone.</summary>
    internal static SKSizeI StoredSize(SKCodec codec)
    {
        var source = codec.Info;
        var scale = Scale(source.Width, source.Height);
        var width = Math.Max(1, (int)Math.Round(source.Width * scale));
        var height = Math.Max(1, (int)Math.Round(source.Height * scale));
        var turned = codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        return turned ? new SKSizeI(height, width) : new SKSizeI(width, height);
    }

    private static float Scale(int width, int height) => Math.Min(1f, (float)MaxSide / Math.Max(width, height));

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

    /// <summary>An original's file name: the hash of its bytes (see <see cref="CoverVariants.KeyOf"/>).</summary>
    internal static bool IsStoredName(string name) => StoredName().IsMatch(name);

    [GeneratedRegex("^[0-9a-f]{32}\\.jpg$", RegexOptions.CultureInvariant)]
    private static partial Regex StoredName();
}
