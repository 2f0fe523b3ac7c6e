using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Search;

namespace Portal.Tests.Search;

/// <summary>
/// The rebuild itself, on an index in a folder of its own: one task reads while the writers
/// index. A rebuild is complete only when every document was read and written; if either side
/// fails, the rebuild fails (the index is not marked ready) and the other side stops.
/// </summary>
public sealed class SearchRebuildTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-rebuild-tests", Guid.NewGuid().ToString("N"));
    private readonly SearchIndex _index;

    public SearchRebuildTests()
    {
        _index = new SearchIndex(_folder, NullLogger<SearchIndex>.Instance, ramBufferMb: 16);
        _index.Open();
    }

    [Fact]
    public async Task Every_document_read_is_indexed_and_the_index_is_ready_as_of_the_given_change()
    {
        var word = SearchWords.Unique();
        var source = new Source(count: 2_500, word);

        var indexed = await _index.RebuildAsync(source.ReadAsync(), asOfChange: 42, CancellationToken.None);

        Assert.Equal(2_500, indexed);
        Assert.Equal(SearchIndexState.Ready, _index.State);
        Assert.Equal(42, _index.LastAppliedChangeId);
        Assert.Equal(2_500, _index.Read(searcher => searcher.IndexReader.DocFreq(new Term(SearchSchema.BodyExact, word))));
    }

    [Fact]
    public async Task A_failed_read_fails_the_rebuild_and_the_index_is_not_ready()
    {
        var source = new Source(count: 2_500, SearchWords.Unique(), failAt: 700);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => _index.RebuildAsync(source.ReadAsync(), 1, CancellationToken.None));

        Assert.Contains("database went away", error.ToString(), StringComparison.Ordinal);
        // Still "being prepared" for /cari, never a half-built index served as complete.
        Assert.Equal(SearchIndexState.Rebuilding, _index.State);
        Assert.Equal(0, _index.LastAppliedChangeId);
    }

    [Fact]
    public async Task A_failed_write_fails_the_rebuild_and_stops_the_reader()
    {
        // A document without a title cannot be written; far more remain to be read behind it.
        var source = new Source(count: 100_000, SearchWords.Unique(), untitledAt: 300);

        await Assert.ThrowsAnyAsync<Exception>(() => _index.RebuildAsync(source.ReadAsync(), 1, CancellationToken.None))
            .WaitAsync(TimeSpan.FromSeconds(60));

        await Eventually.TrueAsync(() => Task.FromResult(source.Stopped), "the reader stopped");
        Assert.True(source.Read < 100_000, $"the reader read all {source.Read} documents after the writers had failed");
        Assert.NotEqual(SearchIndexState.Ready, _index.State);
    }

    public void Dispose()
    {
        _index.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Documents as a database would yield them: one at a time, asynchronously.</summary>
    private sealed class Source(int count, string word, int failAt = -1, int untitledAt = -1)
    {
        public int Read { get; private set; }

        public bool Stopped { get; private set; }

        public async IAsyncEnumerable<SearchDocument> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            try
            {
                for (var i = 0; i < count; i++)
                {
                    if (i % 100 == 0)
                    {
                        await Task.Yield();
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    if (i == failAt)
                    {
                        throw new InvalidOperationException("The database went away");
                    }

                    Read++;
                    yield return new SearchDocument(SearchKind.Article, i + 1, i == untitledAt ? null! : $"Berita {i}", $"Pelatihan {word} ke-{i}", "Ringkasan", $"/berita/{i}")
                    {
                        PublishedAtUtc = PortalFactory.DefaultNow.UtcDateTime.AddDays(-1),
                        SortDateUtc = PortalFactory.DefaultNow.UtcDateTime.AddDays(-1),
                        Year = 2025,
                    };
                }
            }
            finally
            {
                Stopped = true;
            }
        }
    }
}
