using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;
using SkiaSharp;

namespace Portal.Admin.News;

/// <summary>One width of a cover, as WebP and as JPEG.</summary>
public sealed record CoverSize(int Width, int Height, string WebpPath, string JpegPath);

/// <summary>A cover as pages show it: its sizes from the narrowest to the stored one.</summary>
public sealed record CoverPicture(IReadOnlyList<CoverSize> Sizes)
{
    /// <summary>The stored size: its pixels are the img's width and height, so the page keeps the room before the image arrives.</summary>
    public CoverSize Largest => Sizes[^1];

    public string WebpSrcset => Srcset(s => s.WebpPath);

    public string JpegSrcset => Srcset(s => s.JpegPath);

    /// <summary>Link previews (WhatsApp, Facebook) take a JPEG and show it at most 1200 pixels wide.</summary>
    public string OpenGraphPath => (Sizes.LastOrDefault(s => s.Width <= CoverVariants.OpenGraphMaxWidth) ?? Sizes[0]).JpegPath;

    private string Srcset(Func<CoverSize, string> path) =>
        string.Join(", ", Sizes.Select(s => string.Create(CultureInfo.InvariantCulture, $"{path(s)} {s.Width}w")));
}

/// <summary>A cover's file: its length in bytes and its media type.</summary>
public sealed record CoverFile(long Length, string MediaType);

/// <summary>
/// What a page asks of the _CoverPicture partial: the cover, its text alternative, the CSS width
/// it takes at each breakpoint (the img's sizes), and whether it is the page's largest content
/// (fetched first) or further down (fetched when scrolled near).
/// </summary>
public sealed record ResponsiveCover(string Path, string? Alt, string Sizes, bool IsLargestContent, string? CssClass = null);

/// <summary>
/// Covers in responsive sizes. Each cover, uploaded or named by a content file, is offered in the
/// <see cref="Widths"/> narrower than itself and at its own stored size, never wider, each as
/// WebP and as JPEG, so that a phone on prepaid data fetches the width it shows. The files sit
/// beside the uploads, named by the original's hash and the width ("{hash}-800.webp"): like the
/// original they never change content, and /unggahan serves them with the same year-long cache.
/// An upload's sizes are written with it; those of any other cover (uploaded before sizes
/// existed, or a file under wwwroot named by content/) are made in the background the first time
/// a page shows it, and a size asked for before it exists is answered with the original,
/// uncached. Nothing here fails a page: a cover that cannot be read is shown as a plain img.
/// A singleton: it holds what it has read of each cover and the one queue of sizes to make,
/// drained by one background worker so that resizing never takes more than a core.
/// </summary>
/// <remarks>
/// The cover's pixel size is read from its file's header and kept in memory by the file's length
/// and time, not stored on Article: a content cover is a file under wwwroot that can be replaced
/// while its article stays the same, covers uploaded before this needed no migration to fill in,
/// and a header is a few hundred bytes read once per start (the article page is cached).
/// </remarks>
public sealed partial class CoverVariants(DataFolder data, IWebHostEnvironment environment, ILogger<CoverVariants> logger)
{
    /// <summary>
    /// Widths offered below the stored one: a phone (360 CSS pixels at twice the density takes 800),
    /// a tablet, the article column on a laptop.
    /// </summary>
    public static readonly IReadOnlyList<int> Widths = [480, 800, 1200];

    public const int OpenGraphMaxWidth = 1200;

    private const int JpegQuality = 82;

    /// <summary>libwebp's own default; at it a photo is about a third smaller than the JPEG above and looks the same.</summary>
    private const int WebpQuality = 75;

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    private readonly ConcurrentDictionary<string, Described> _described = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Path, (long, DateTime) Stamp)> _contentOriginals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _whole = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public string Folder => data.Folder(DataFolder.UploadsFolder);

    /// <summary>The first 32 hex digits of the SHA-256 of a cover's bytes: its name, and its sizes' names.</summary>
    internal static string KeyOf(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..32];

    /// <summary>The sizes of a cover (an upload's address or a path under wwwroot); null if its file is missing or unreadable.</summary>
    public CoverPicture? Describe(string? coverPath)
    {
        if (coverPath is null || Locate(coverPath) is not { } original)
        {
            return null;
        }

        var file = new FileInfo(original.Path);
        if (!file.Exists)
        {
            return null;
        }

        var stamp = StampOf(file);
        if (_described.TryGetValue(coverPath, out var known) && known.Stamp == stamp)
        {
            return known.Picture;
        }

        var picture = Read(coverPath, original, stamp);
        _described[coverPath] = new Described(stamp, picture);
        return picture;
    }

    /// <summary>The cover's own file (an upload or a file under wwwroot) as served at its path, for the feed's enclosure; null if it is missing.</summary>
    public CoverFile? FileOf(string? coverPath)
    {
        if (coverPath is null || Locate(coverPath) is not { } original)
        {
            return null;
        }

        var file = new FileInfo(original.Path);
        return file.Exists ? new CoverFile(file.Length, ContentType(file.Name)) : null;
    }

    /// <summary>Writes the sizes of a cover just stored, from its pixels; one that fails is made later, when a page shows the cover.</summary>
    public void Write(SKImage image, string key) =>
        Make(image, FilesOf(Sizes(key, new SKSizeI(image.Width, image.Height), UploadAddress(key))), key);

    /// <summary>GET /unggahan/{hash}-{width}.{webp|jpg}.</summary>
    public IResult Serve(string file, HttpContext context)
    {
        var match = VariantName().Match(file);
        if (!match.Success)
        {
            return Results.NotFound();
        }

        var key = match.Groups["key"].Value;
        var asked = new VariantFile(file, int.Parse(match.Groups["width"].ValueSpan, CultureInfo.InvariantCulture), 0, FormatOf(file));
        if (IsWhole(asked))
        {
            return Immutable(Path.Combine(Folder, file), file, context);
        }

        if (OriginalOf(key) is not { } original)
        {
            return Results.NotFound();
        }

        // Missing or damaged: the original stands in, and is asked again next time, by when the size exists.
        Queue(key);
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.PhysicalFile(original.Path, ContentType(original.Path));
    }

    /// <summary>A file named by its hash, cached for a year with the hash as its ETag.</summary>
    internal static IResult Immutable(string path, string file, HttpContext context)
    {
        context.Response.Headers.CacheControl = StaticAssets.VersionedCacheControl;
        return TypedResults.PhysicalFile(path, ContentType(file), lastModified: File.GetLastWriteTimeUtc(path),
            entityTag: new EntityTagHeaderValue($"\"{Path.GetFileNameWithoutExtension(file)}\""));
    }

    internal static byte[] Encode(SKImage source, int width, int height, SKEncodedImageFormat format)
    {
        var quality = format == SKEncodedImageFormat.Webp ? WebpQuality : JpegQuality;
        if (width == source.Width && height == source.Height)
        {
            using var same = source.Encode(format, quality);
            return same.ToArray();
        }

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        // Cubic for a small step; a large one (1600 to 480) needs the averaging of mipmaps, or fine detail turns to noise.
        var sampling = width * 2 < source.Width
            ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
            : new SKSamplingOptions(SKCubicResampler.Mitchell);
        surface.Canvas.DrawImage(source, new SKRect(0, 0, width, height), sampling);
        using var resized = surface.Snapshot();
        using var encoded = resized.Encode(format, quality);
        return encoded.ToArray();
    }

    /// <summary>Written beside and moved into place, so that a reader (or a backup) never sees half a file.</summary>
    internal static void WriteWhole(string path, byte[] bytes)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Makes the sizes queued by pages and requests, one cover at a time, until the portal stops.</summary>
    internal async Task MakeQueuedAsync(CancellationToken stoppingToken)
    {
        await foreach (var key in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            _queued.TryRemove(key, out _);
            try
            {
                MakeMissing(key);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The page keeps working on the original; the next start tries again.
                logger.LogError(e, "Sizes of cover {Key} could not be made", key);
            }
        }
    }

    private void MakeMissing(string key)
    {
        if (OriginalOf(key) is not { } original)
        {
            return;
        }

        var bytes = File.ReadAllBytes(original.Path);
        if (StoredSize(bytes) is not { } size)
        {
            return;
        }

        var missing = FilesOf(Sizes(key, size, original.IsUpload ? UploadAddress(key) : null)).Where(f => !IsWhole(f)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        using var image = CoverImages.DrawUpright(bytes, CoverImages.Sniff(bytes)!.Value, out var problem);
        if (image is null)
        {
            logger.LogWarning("Cover {Key} is shown without smaller sizes: {Problem}", key, problem);
            return;
        }

        Make(image, missing, key);
    }

    private void Make(SKImage image, IEnumerable<VariantFile> files, string key)
    {
        try
        {
            foreach (var file in files)
            {
                WriteWhole(Path.Combine(Folder, file.Name), Encode(image, file.Width, file.Height, file.Format));
                _whole.TryAdd(file.Name, 0);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Sizes of cover {Key} not written; they are made again when a page shows it", key);
        }
    }

    private CoverPicture? Read(string coverPath, Original original, (long, DateTime) stamp)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(original.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (StoredSize(bytes) is not { } size)
        {
            logger.LogWarning("Cover {Path} is not a readable JPEG, PNG or WebP; it is shown without smaller sizes", coverPath);
            return null;
        }

        var key = original.IsUpload ? Path.GetFileNameWithoutExtension(original.Path) : KeyOf(bytes);
        if (!original.IsUpload)
        {
            _contentOriginals[key] = (original.Path, stamp);
        }

        Queue(key);
        return new CoverPicture(Sizes(key, size, original.IsUpload ? coverPath : null));
    }

    /// <summary>The widths narrower than the stored size, then the stored size, whose JPEG is the upload itself when there is one.</summary>
    private static List<CoverSize> Sizes(string key, SKSizeI stored, string? uploadAddress)
    {
        var sizes = Widths.Where(w => w < stored.Width)
            .Select(w => new CoverSize(w, Math.Max(1, (int)Math.Round((double)stored.Height * w / stored.Width)), Address(key, w, "webp"), Address(key, w, "jpg")))
            .ToList();
        sizes.Add(new CoverSize(stored.Width, stored.Height, Address(key, stored.Width, "webp"), uploadAddress ?? Address(key, stored.Width, "jpg")));
        return sizes;
    }

    private static string Address(string key, int width, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"{CoverImages.RequestPath}/{key}-{width}.{extension}");

    private static string UploadAddress(string key) => $"{CoverImages.RequestPath}/{key}.jpg";

    /// <summary>The files of the sizes that are made here (not the upload itself).</summary>
    private static IEnumerable<VariantFile> FilesOf(List<CoverSize> sizes) =>
        from size in sizes
        from path in new[] { size.WebpPath, size.JpegPath }
        let name = Path.GetFileName(path)
        where VariantName().IsMatch(name)
        select new VariantFile(name, size.Width, size.Height, FormatOf(name));

    /// <summary>
    /// The size of the cover as stored (upright, at most <see cref="CoverImages.MaxSide"/>), from
    /// the header alone; null for anything but a JPEG, PNG or WebP that decodes.
    /// </summary>
    private static SKSizeI? StoredSize(byte[] bytes)
    {
        if (CoverImages.Sniff(bytes) is not { } format)
        {
            return null;
        }

        using var skData = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(skData);
        return codec is null || codec.EncodedFormat != format ? null : CoverImages.StoredSize(codec);
    }

    /// <summary>
    /// Whether a size's file is there with the format and width its name says, read from its header
    /// once per start. Files are only ever moved into place whole, so a good header means a whole
    /// file; a damaged one (a disk error, a hand edit) is made again instead of served.
    /// </summary>
    private bool IsWhole(VariantFile file)
    {
        var path = Path.Combine(Folder, file.Name);
        if (_whole.ContainsKey(file.Name))
        {
            return File.Exists(path);
        }

        try
        {
            using var stream = File.OpenRead(path);
            using var codec = SKCodec.Create(stream);
            if (codec is null || codec.EncodedFormat != file.Format || codec.Info.Width != file.Width)
            {
                return false;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        _whole.TryAdd(file.Name, 0);
        return true;
    }

    private Original? Locate(string coverPath)
    {
        if (coverPath.StartsWith(CoverImages.RequestPath + "/", StringComparison.Ordinal))
        {
            var name = coverPath[(CoverImages.RequestPath.Length + 1)..];
            return CoverImages.IsStoredName(name) ? new Original(Path.Combine(Folder, name), IsUpload: true) : null;
        }

        var file = environment.WebRootFileProvider.GetFileInfo(coverPath);
        return file is { Exists: true, IsDirectory: false, PhysicalPath: { } physical } ? new Original(physical, IsUpload: false) : null;
    }

    /// <summary>
    /// An upload by its name, or a content cover a page has shown since the start (its key is the
    /// hash of a file under wwwroot, which only reading that file tells).
    /// </summary>
    private Original? OriginalOf(string key)
    {
        var upload = Path.Combine(Folder, key + ".jpg");
        if (File.Exists(upload))
        {
            return new Original(upload, IsUpload: true);
        }

        // A content file replaced since has another hash: the old name must never get the new pixels.
        return _contentOriginals.TryGetValue(key, out var content) && StampOf(new FileInfo(content.Path)) == content.Stamp
            ? new Original(content.Path, IsUpload: false)
            : null;
    }

    private static (long, DateTime) StampOf(FileInfo file) => file.Exists ? (file.Length, file.LastWriteTimeUtc) : default;

    private void Queue(string key)
    {
        if (_queued.TryAdd(key, 0))
        {
            _queue.Writer.TryWrite(key);
        }
    }

    private static SKEncodedImageFormat FormatOf(string name) =>
        name.EndsWith(".webp", StringComparison.Ordinal) ? SKEncodedImageFormat.Webp : SKEncodedImageFormat.Jpeg;

    private static string ContentType(string file) =>
        ContentTypes.TryGetContentType(file, out var type) ? type : "application/octet-stream";

    [GeneratedRegex("^(?<key>[0-9a-f]{32})-(?<width>[1-9][0-9]{0,3})\\.(?:jpg|webp)$", RegexOptions.CultureInvariant)]
    private static partial Regex VariantName();

    private sealed record Original(string Path, bool IsUpload);

    private sealed record Described((long, DateTime) Stamp, CoverPicture? Picture);

    private readonly record struct VariantFile(string Name, int Width, int Height, SKEncodedImageFormat Format);
}

/// <summary>Drains the queue of cover sizes in the background (see <see cref="CoverVariants"/>).</summary>
internal sealed class CoverVariantWorker(CoverVariants variants) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => variants.MakeQueuedAsync(stoppingToken);
}
