using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Portal.Shared;

/// <summary>
/// The compressed variants of wwwroot's text files, for one encoding, as a file provider that the
/// framework's static file middleware serves from (it adds ETag, Last-Modified, 304 and ranges).
/// </summary>
/// <remarks>
/// In memory, made on the first request for each version of a file, at the smallest size the
/// encoder offers: wwwroot is a few hundred kilobytes of text, so the variants take tens of
/// kilobytes, need no folder that must be kept in step with the source, and cost each process
/// about a second of CPU once. Every request looks at the source file (the same look the plain
/// answer would take) and a variant made from an older length or modification time is made again,
/// so a compressed answer is never older than its file. A file whose variant is not smaller is
/// answered plain. Thread safety: a Lazy per file version, so a burst compresses each once.
/// </remarks>
public sealed class PrecompressedFiles(IFileProvider source, string encoding) : IFileProvider
{
    public const string Brotli = "br";
    public const string Gzip = "gzip";

    /// <summary>Larger text files are answered plain rather than held in memory twice.</summary>
    public const long MaxSourceBytes = 4 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, Lazy<Variant>> _variants = new(StringComparer.Ordinal);

    public string Encoding { get; } = encoding is Brotli or Gzip ? encoding : throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "br or gzip");

    public IFileInfo GetFileInfo(string subpath)
    {
        var file = source.GetFileInfo(subpath);
        if (!file.Exists || file.IsDirectory || file.Length > MaxSourceBytes || !StaticAssets.IsCompressible(subpath))
        {
            return new NotFoundFileInfo(subpath);
        }

        try
        {
            var variant = _variants.GetOrAdd(subpath, _ => Make(file)).Value;
            while (!variant.IsOf(file))
            {
                var stale = _variants[subpath];
                var fresh = Make(file);
                variant = (_variants.TryUpdate(subpath, fresh, stale) ? fresh : _variants[subpath]).Value;
            }

            return variant.Bytes is { } bytes ? new CompressedFile(file, bytes, Encoding) : new NotFoundFileInfo(subpath);
        }
        catch (IOException)
        {
            // Unreadable now (being replaced, say): answered plain, and tried again on the next request.
            _variants.TryRemove(subpath, out _);
            return new NotFoundFileInfo(subpath);
        }
    }

    public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    private Lazy<Variant> Make(IFileInfo file) => new(() =>
    {
        // Length and time are taken before reading: if the file changes meanwhile, the next request sees a newer one and makes it again.
        var length = file.Length;
        var modified = file.LastModified;
        using var read = file.CreateReadStream();
        using var compressed = new MemoryStream();
        using (var encoder = Encoding == Brotli
            ? (Stream)new BrotliStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true)
            : new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            read.CopyTo(encoder);
        }

        return new Variant(length, modified, compressed.Length < length ? compressed.ToArray() : null);
    });

    private sealed record Variant(long SourceLength, DateTimeOffset SourceModified, byte[]? Bytes)
    {
        public bool IsOf(IFileInfo file) => file.Length == SourceLength && file.LastModified == SourceModified;
    }

    /// <summary>A variant as the static file middleware sees it: its bytes, the source's name and time.</summary>
    public sealed class CompressedFile(IFileInfo source, byte[] bytes, string encoding) : IFileInfo
    {
        public string Encoding { get; } = encoding;

        public bool Exists => true;

        public long Length => bytes.Length;

        /// <summary>None: the middleware then streams <see cref="CreateReadStream"/> instead of sending a file from disk.</summary>
        public string? PhysicalPath => null;

        public string Name => source.Name;

        public DateTimeOffset LastModified => source.LastModified;

        public bool IsDirectory => false;

        public Stream CreateReadStream() => new MemoryStream(bytes, writable: false);
    }
}
