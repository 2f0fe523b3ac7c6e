using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Portal.Shared;

/// <summary>
/// wwwroot's text files in one encoding (Brotli, gzip, or identity: the file's own bytes), held in
/// memory, as a file provider that the framework's static file middleware serves from (it adds
/// ETag, Last-Modified, 304 and ranges).
/// </summary>
/// <remarks>
/// Each variant is made once per version of a file, compressed at the smallest size its encoder
/// offers: wwwroot is a few hundred kilobytes of text, so the variants take under a megabyte and
/// need no folder that must be kept in step with the source. Answering from memory also doubles
/// the requests per second of the plain answer (no open, read and close of the file per request);
/// images are left to the plain middleware, which sends them from disk.
/// Every request looks at the source file (the same look the plain answer would take), and a
/// variant made from an older length or modification time is made again, so an answer from memory
/// is never older than its file. A file whose compressed variant is not smaller is answered
/// uncompressed.
/// gzip is made on the request that first asks (tens of milliseconds for bootstrap). Brotli at its
/// smallest takes about a second per 300 KB file, which no visitor should wait for: it is made in
/// the background while the provider says "no such file", so those first requests fall through to
/// gzip; only a client that takes Brotli and not gzip waits (<see cref="WaitingForBackground"/>).
/// Thread safety: one <see cref="Variant"/> per file version, swapped atomically; its bytes are made
/// once (Lazy), and a background make is started by one request only.
/// </remarks>
public sealed class StaticFileVariants(IFileProvider source, string encoding) : IFileProvider
{
    /// <summary>Larger text files are sent from disk, uncompressed, rather than held in memory.</summary>
    public const long MaxSourceBytes = 4 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, Variant> _variants = new(StringComparer.Ordinal);

    public string Encoding { get; } = encoding is ContentEncodings.Brotli or ContentEncodings.Gzip or ContentEncodings.Identity ? encoding : throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "br, gzip or identity");

    private bool MadeInBackground => Encoding == ContentEncodings.Brotli;

    public IFileInfo GetFileInfo(string subpath) => GetFileInfo(subpath, waitForBackground: false);

    /// <summary>
    /// The same variants, but a Brotli one still being made is waited for: for a client that
    /// accepts Brotli and not gzip, which would otherwise get the plain file.
    /// </summary>
    public IFileProvider WaitingForBackground => new Waiting(this);

    private IFileInfo GetFileInfo(string subpath, bool waitForBackground)
    {
        var file = source.GetFileInfo(subpath);
        if (!file.Exists || file.IsDirectory || file.Length > MaxSourceBytes || !StaticAssets.IsCompressible(subpath))
        {
            return new NotFoundFileInfo(subpath);
        }

        var variant = _variants.GetOrAdd(subpath, _ => new Variant(file, Encoding));
        while (!variant.IsOf(file))
        {
            // Another request may have replaced or removed (Make, on a read error) the entry since
            // it was read: take whatever is there now, adding the fresh one if nothing is.
            var fresh = new Variant(file, Encoding);
            variant = _variants.TryUpdate(subpath, fresh, variant) ? fresh : _variants.GetOrAdd(subpath, fresh);
        }

        if (MadeInBackground && !waitForBackground && !variant.IsMade)
        {
            if (variant.TryStart())
            {
                _ = Task.Run(() => Make(subpath, variant));
            }

            return new NotFoundFileInfo(subpath);
        }

        var bytes = Make(subpath, variant);
        return bytes is null ? new NotFoundFileInfo(subpath) : new VariantFile(file, bytes, Encoding);
    }

    public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    private byte[]? Make(string subpath, Variant variant)
    {
        try
        {
            return variant.Bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable now (being replaced, say): answered plain, and made again on a later request.
            _variants.TryRemove(KeyValuePair.Create(subpath, variant));
            return null;
        }
    }

    private sealed class Waiting(StaticFileVariants variants) : IFileProvider
    {
        public IFileInfo GetFileInfo(string subpath) => variants.GetFileInfo(subpath, waitForBackground: true);

        public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

        public IChangeToken Watch(string filter) => NullChangeToken.Singleton;
    }

    /// <summary>One version of a file (its length and time when first seen) and its bytes in the encoding, null when compressing did not make them smaller.</summary>
    private sealed class Variant(IFileInfo file, string encoding)
    {
        private readonly long _sourceLength = file.Length;
        private readonly DateTimeOffset _sourceModified = file.LastModified;
        private readonly Lazy<byte[]?> _bytes = new(() => Compress(file, encoding));
        private int _started;

        public bool IsMade => _bytes.IsValueCreated;

        /// <summary>The file's bytes are read after its length and time were taken: if it changes meanwhile, the next request sees a newer version and makes it again.</summary>
        public byte[]? Bytes => _bytes.Value;

        public bool IsOf(IFileInfo current) => current.Length == _sourceLength && current.LastModified == _sourceModified;

        public bool TryStart() => Interlocked.Exchange(ref _started, 1) == 0;

        private static byte[]? Compress(IFileInfo file, string encoding)
        {
            using var read = file.CreateReadStream();
            using var compressed = new MemoryStream();
            if (encoding == ContentEncodings.Identity)
            {
                read.CopyTo(compressed);
                return compressed.ToArray();
            }

            using (var encoder = encoding == ContentEncodings.Brotli
                ? (Stream)new BrotliStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true)
                : new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                read.CopyTo(encoder);
            }

            return compressed.Length < file.Length ? compressed.ToArray() : null;
        }
    }

    /// <summary>A variant as the static file middleware sees it: its bytes, the source's name and time.</summary>
    public sealed class VariantFile(IFileInfo source, byte[] bytes, string encoding) : IFileInfo
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
