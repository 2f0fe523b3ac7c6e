using System.Globalization;
using System.Threading.Channels;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Portal.Search;

public enum SearchIndexState
{
    /// <summary>Not opened yet: the start-up check has not run.</summary>
    Starting,

    /// <summary>Being rebuilt from the database; search asks people to try again shortly.</summary>
    Rebuilding,

    Ready,

    /// <summary>Could not be opened (e.g. another process holds its lock); search says so.</summary>
    Unavailable,
}

/// <summary>
/// The one owner of the Lucene index under the data folder: its directory, its one IndexWriter
/// and the SearcherManager that hands out near-real-time searchers. A singleton because Lucene
/// allows one IndexWriter per directory (a second one fails on the write lock) and because the
/// writer and the manager are thread-safe and expensive to open: every request shares them, and
/// nothing opens a writer or a reader per request. Only <see cref="SearchSync"/> writes; pages
/// read through <see cref="Read"/>, which acquires and releases a searcher around the work.
/// Each commit records the schema version and the last applied <see cref="SearchChange"/> id,
/// so a restart resumes where the index left off and an outdated index is recognised.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    private const string SchemaKey = "schema";
    private const string LastChangeKey = "last_change";
    private const string BuildKey = "build";

    /// <summary>Documents read ahead of the writers during a rebuild: a page of the database or two.</summary>
    private const int RebuildQueueLength = 1_000;

    private readonly LuceneDirectory _directory;
    private readonly ILogger _logger;
    private readonly double _ramBufferMb;

    // Guards opening, rebuilding and disposing (rare); reads and writes of documents never take it.
    private readonly System.Threading.Lock _lifecycle = new();
    private IndexWriter? _writer;
    private SearcherManager? _searchers;
    private volatile SearchIndexState _state = SearchIndexState.Starting;
    private long _lastAppliedChangeId;
    private int _rebuildsStarted;
    private bool _disposed;

    /// <param name="ramBufferMb">
    /// Memory for documents not yet written to a segment. Only a rebuild fills it; a large buffer
    /// makes few large segments instead of many small ones merged again and again.
    /// </param>
    public SearchIndex(string path, ILogger<SearchIndex> logger, double ramBufferMb = 256)
    {
        Path = path;
        _logger = logger;
        _ramBufferMb = ramBufferMb;
        System.IO.Directory.CreateDirectory(path);
        _directory = FSDirectory.Open(path);
    }

    public string Path { get; }

    public SearchIndexState State => _state;

    /// <summary>The last change of the database that this index has committed and new searches see.</summary>
    public long LastAppliedChangeId => Interlocked.Read(ref _lastAppliedChangeId);

    /// <summary>Changes with each rebuild: lets an operator (and the tests) see that no rebuild happened.</summary>
    public string BuildId { get; private set; } = string.Empty;

    /// <summary>Rebuilds started by this process.</summary>
    public int RebuildsStarted => _rebuildsStarted;

    /// <summary>
    /// Opens the index on disk for use. Returns null when it is usable as is, or why it must be
    /// rebuilt: missing, unreadable or damaged (checksums are verified), or of an older schema.
    /// The fixed site pages given replace those the index holds before any search sees it: they
    /// are code, not data, so no change in the database would ever bring a new list in.
    /// </summary>
    public string? Open(IEnumerable<SearchDocument>? sitePages = null)
    {
        lock (_lifecycle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var problem = Inspect(out var userData);
            if (problem is not null)
            {
                return problem;
            }

            _writer = new IndexWriter(_directory, Config(OpenMode.APPEND));
            _searchers = new SearcherManager(_writer, applyAllDeletes: true, searcherFactory: null);
            _lastAppliedChangeId = long.Parse(userData[LastChangeKey], CultureInfo.InvariantCulture);
            BuildId = userData.TryGetValue(BuildKey, out var build) ? build : string.Empty;
            if (sitePages is not null)
            {
                _writer.DeleteDocuments(new Term(SearchSchema.Kind, SearchKind.Page.Code()));
                foreach (var page in sitePages)
                {
                    _writer.AddDocument(SearchSchema.ToLucene(page));
                }

                Commit(_lastAppliedChangeId);
            }

            _state = SearchIndexState.Ready;
            return null;
        }
    }

    /// <summary>
    /// Replaces the whole index with the given documents, durable as of <paramref name="asOfChange"/>.
    /// One task reads the documents (from the database, page by page) into a short queue while
    /// every core analyzes and writes them: the writer is thread-safe and analysis is most of
    /// the work, so the writers never wait for the next page. Returns how many were indexed.
    /// </summary>
    public async Task<int> RebuildAsync(IAsyncEnumerable<SearchDocument> documents, long asOfChange, CancellationToken cancellationToken)
    {
        BeginRebuild();
        var queue = Channel.CreateBounded<SearchDocument>(new BoundedChannelOptions(RebuildQueueLength) { SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadIntoAsync(documents, queue.Writer, stopReading.Token), stopReading.Token);
        var count = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(queue.Reader.ReadAllAsync(cancellationToken), parallel, (document, _) =>
            {
                // No old version to replace in an empty index: a plain add, without the delete-by-term of an update.
                Writer.AddDocument(SearchSchema.ToLucene(document));
                Interlocked.Increment(ref count);
                return ValueTask.CompletedTask;
            });
        }
        catch
        {
            // A failed writer stops the reader too, which may be waiting for room in the queue.
            await stopReading.CancelAsync();
            throw;
        }

        // Rethrows a failed read (the queue ended early): a partial index is never completed.
        await reading;
        CompleteRebuild(asOfChange);
        return count;
    }

    private static async Task ReadIntoAsync(IAsyncEnumerable<SearchDocument> documents, ChannelWriter<SearchDocument> queue, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var document in documents.WithCancellation(cancellationToken))
            {
                await queue.WriteAsync(document, cancellationToken);
            }

            queue.Complete();
        }
        catch (Exception e)
        {
            queue.Complete(e);
            throw;
        }
    }

    /// <summary>Adds or replaces the document with the same key (kind and id).</summary>
    public void Upsert(SearchDocument document) =>
        Writer.UpdateDocument(new Term(SearchSchema.Id, document.Key), SearchSchema.ToLucene(document));

    public void Delete(string key) => Writer.DeleteDocuments(new Term(SearchSchema.Id, key));

    /// <summary>Keys of the documents that name the programme: its batches and its news.</summary>
    public List<string> KeysOfProgramme(int programmeId) => Read(searcher =>
    {
        var query = new TermQuery(new Term(SearchSchema.ProgrammeId, programmeId.ToString(CultureInfo.InvariantCulture)));
        var hits = searcher.Search(query, Math.Max(1, searcher.IndexReader.MaxDoc));
        return hits.ScoreDocs.Select(hit => searcher.Doc(hit.Doc).Get(SearchSchema.Id)).ToList();
    }, allowWhileRebuilding: true) ?? [];

    /// <summary>
    /// Durably records every change so far as applied up to <paramref name="lastChangeId"/>, then
    /// makes it visible to new searches. Applied changes are visible even before the commit
    /// (near-real-time readers); the commit is what a restart resumes from.
    /// </summary>
    public void Commit(long lastChangeId)
    {
        var writer = Writer;
        writer.SetCommitData(new Dictionary<string, string>
        {
            [SchemaKey] = SearchSchema.Version.ToString(CultureInfo.InvariantCulture),
            [LastChangeKey] = lastChangeId.ToString(CultureInfo.InvariantCulture),
            [BuildKey] = BuildId,
        });
        writer.Commit();
        // Refreshed before the position moves: whoever sees the position sees its changes.
        Refresh();
        Interlocked.Exchange(ref _lastAppliedChangeId, lastChangeId);
    }

    /// <summary>Makes applied changes visible to new searches without a commit.</summary>
    public void Refresh() => _searchers?.MaybeRefreshBlocking();

    /// <summary>
    /// Runs a read on a current searcher, acquired and released around the work. Returns null when
    /// the index is not ready (starting, rebuilding or unavailable).
    /// </summary>
    public T? Read<T>(Func<IndexSearcher, T> work, bool allowWhileRebuilding = false)
    {
        var searchers = _searchers;
        var state = _state;
        if (searchers is null || !(state == SearchIndexState.Ready || (allowWhileRebuilding && state == SearchIndexState.Rebuilding)))
        {
            return default;
        }

        var searcher = searchers.Acquire();
        try
        {
            return work(searcher);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    public void MarkUnavailable() => _state = SearchIndexState.Unavailable;

    /// <summary>Size of the index files on disk, for the benchmark and the health of the folder.</summary>
    public long SizeOnDisk() => _directory.ListAll().Sum(_directory.FileLength);

    /// <summary>
    /// Clean shutdown: a ready index commits what it applied; an unfinished rebuild is rolled back
    /// (the next start sees the old or no index and rebuilds again).
    /// </summary>
    public void Dispose()
    {
        lock (_lifecycle)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            CloseWriter(commit: _state == SearchIndexState.Ready);
            _directory.Dispose();
        }
    }

    /// <summary>Starts an empty index in place of the old one, whose files are removed.</summary>
    private void BeginRebuild()
    {
        lock (_lifecycle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _state = SearchIndexState.Rebuilding;
            CloseWriter(commit: false);
            // Never pull files from under a writer of another process: it holds the lock.
            if (IndexWriter.IsLocked(_directory))
            {
                throw new LockObtainFailedException($"The search index at {Path} is locked by another writer.");
            }

            // A damaged index is of no use, and its files could confuse the new writer.
            foreach (var file in _directory.ListAll().Where(f => f != IndexWriter.WRITE_LOCK_NAME))
            {
                _directory.DeleteFile(file);
            }

            _writer = new IndexWriter(_directory, Config(OpenMode.CREATE));
            _searchers = new SearcherManager(_writer, applyAllDeletes: true, searcherFactory: null);
            BuildId = Guid.NewGuid().ToString("N");
            Interlocked.Increment(ref _rebuildsStarted);
        }
    }

    /// <summary>Makes the rebuilt index durable and searchable, as of the given change.</summary>
    private void CompleteRebuild(long lastChangeId)
    {
        Commit(lastChangeId);
        // Merges run in the background; a rebuild is done when they are, not before.
        Writer.WaitForMerges();
        _state = SearchIndexState.Ready;
    }

    private IndexWriter Writer => _writer ?? throw new InvalidOperationException("The search index is not open.");

    private IndexWriterConfig Config(OpenMode mode) => new(SearchSchema.LuceneVersion, SearchAnalyzers.Indexing)
    {
        OpenMode = mode,
        RAMBufferSizeMB = _ramBufferMb,
        // A rebuild writes large segments: copying each into a compound file would only double the writing.
        UseCompoundFile = mode != OpenMode.CREATE,
    };

    private string? Inspect(out IDictionary<string, string> userData)
    {
        userData = new Dictionary<string, string>();
        try
        {
            if (!DirectoryReader.IndexExists(_directory))
            {
                return "no index on disk";
            }

            using var reader = DirectoryReader.Open(_directory);
            foreach (var leaf in reader.Leaves)
            {
                leaf.AtomicReader.CheckIntegrity();
            }

            userData = reader.IndexCommit.UserData;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Damaged files surface as many exception types (CorruptIndexException, EndOfStream,
            // format errors); whichever it is, the database can rebuild what was lost.
            _logger.LogWarning(e, "Search index at {Path} cannot be read", Path);
            return $"the index is damaged ({e.GetType().Name})";
        }

        if (!userData.TryGetValue(SchemaKey, out var schema) || !int.TryParse(schema, CultureInfo.InvariantCulture, out var version)
            || !userData.TryGetValue(LastChangeKey, out var last) || !long.TryParse(last, CultureInfo.InvariantCulture, out _))
        {
            return "the index has no schema version or position";
        }

        return version == SearchSchema.Version ? null : $"the index has schema {version}, this version of the portal uses {SearchSchema.Version}";
    }

    private void CloseWriter(bool commit)
    {
        _searchers?.Dispose();
        _searchers = null;
        if (_writer is null)
        {
            return;
        }

        if (commit)
        {
            Commit(LastAppliedChangeId);
            _writer.Dispose();
        }
        else
        {
            _writer.Rollback();
        }

        _writer = null;
    }
}
