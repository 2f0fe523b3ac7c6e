using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Microsoft.Data.Sqlite;
using Portal.Data;
using Portal.Search;

namespace Portal.Tests.Search;

/// <summary>
/// The index across starts: reused when in step, caught up when behind, rebuilt when missing,
/// damaged or of an older schema; search never fails while it is being prepared. Each test
/// starts the app more than once on one data folder of its own.
/// </summary>
public sealed class SearchStartupTests : IDisposable
{
    private readonly string _dataPath = PortalFactory.NewDataPath();

    private string IndexPath => Path.Combine(_dataPath, "index");

    [Fact]
    public async Task An_index_in_step_with_the_database_is_reused_without_a_rebuild()
    {
        string buildId;
        using (var first = await StartAsync())
        {
            Assert.Equal(1, first.SearchIndex().RebuildsStarted);
            buildId = first.SearchIndex().BuildId;
        }

        using var second = await StartAsync();

        Assert.Equal(0, second.SearchIndex().RebuildsStarted);
        Assert.Equal(buildId, second.SearchIndex().BuildId);
        Assert.NotEmpty(second.Search("kartu kuning").Hits);
    }

    [Fact]
    public Task A_damaged_index_is_rebuilt_on_the_next_start() => AssertRebuiltAfterAsync(() =>
    {
        var files = new DirectoryInfo(IndexPath).GetFiles().Where(f => f.Name != "write.lock").ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            File.WriteAllBytes(file.FullName, Enumerable.Repeat((byte)0x5A, (int)Math.Max(16, file.Length)).ToArray());
        }
    });

    [Fact]
    public Task A_missing_index_is_rebuilt_on_the_next_start() =>
        AssertRebuiltAfterAsync(() => System.IO.Directory.Delete(IndexPath, recursive: true));

    [Fact]
    public Task An_index_of_an_older_schema_is_rebuilt() =>
        AssertRebuiltAfterAsync(() => RewriteCommitData(data => data["schema"] = (SearchSchema.Version - 1).ToString(CultureInfo.InvariantCulture)));

    [Fact]
    public async Task A_restart_applies_the_changes_saved_while_the_index_was_down_without_a_rebuild()
    {
        using (await StartAsync())
        {
        }

        // Saved by another process (another node, or this one before it was killed).
        var word = SearchWords.Unique();
        await using (var db = OutsideDbContext())
        {
            db.Articles.Add(TestData.Article(title: $"Tersimpan {word}", publishedAtUtc: PortalFactory.DefaultNow.UtcDateTime.AddHours(-1)));
            await db.SaveChangesAsync();
        }

        using var restarted = await StartAsync();

        Assert.Equal(0, restarted.SearchIndex().RebuildsStarted);
        Assert.Single(restarted.Search(word).Hits);
    }

    [Fact]
    public async Task What_a_killed_process_leaves_behind_is_repaired_on_the_next_start()
    {
        using (await StartAsync())
        {
        }

        var snapshot = _dataPath + "-snapshot";
        CopyFolder(IndexPath, snapshot);
        var word = SearchWords.Unique();
        using (var running = await StartAsync())
        {
            await running.AddAsync(TestData.Article(title: $"Terakhir {word}", publishedAtUtc: PortalFactory.DefaultNow.UtcDateTime.AddHours(-1)));
            await running.SearchCaughtUpAsync();
        }

        // As if killed before the last commit: the older commit, a stale lock file, a half-written segment.
        System.IO.Directory.Delete(IndexPath, recursive: true);
        CopyFolder(snapshot, IndexPath);
        System.IO.Directory.Delete(snapshot, recursive: true);
        await File.WriteAllTextAsync(Path.Combine(IndexPath, "write.lock"), string.Empty);
        await File.WriteAllBytesAsync(Path.Combine(IndexPath, "_zz.fdt"), [1, 2, 3]);

        using var restarted = await StartAsync();

        Assert.Equal(0, restarted.SearchIndex().RebuildsStarted);
        Assert.Single(restarted.Search(word).Hits);
    }

    [Fact]
    public async Task A_clean_shutdown_leaves_a_commit_at_the_last_change_of_the_database()
    {
        long latest;
        using (var app = await StartAsync())
        {
            await app.AddAsync(TestData.Article(publishedAtUtc: PortalFactory.DefaultNow.UtcDateTime.AddHours(-1)));
            await app.SearchCaughtUpAsync();
            latest = await app.WithDbAsync(db => db.SearchChanges.MaxAsync(c => c.Id));
        }

        using var directory = FSDirectory.Open(IndexPath);
        using var reader = DirectoryReader.Open(directory);
        Assert.Equal(latest.ToString(CultureInfo.InvariantCulture), reader.IndexCommit.UserData["last_change"]);
    }

    [Fact]
    public async Task An_index_written_before_a_site_page_was_listed_gets_the_page_on_the_next_start_without_a_rebuild()
    {
        using (await StartAsync())
        {
        }

        // As a version of the portal without the page would have left it: no page documents, the same position.
        RewriteCommitData(_ => { }, writer => writer.DeleteDocuments(new Term(SearchSchema.Kind, SearchKind.Page.Code())));
        using var restarted = await StartAsync();

        Assert.Equal(0, restarted.SearchIndex().RebuildsStarted);
        Assert.Single(restarted.Search("statistik", kind: SearchKind.Page.Code()).Urls(), "/statistik");
    }

    [Fact]
    public async Task Search_says_politely_that_it_is_not_ready_while_the_index_cannot_be_used()
    {
        System.IO.Directory.CreateDirectory(IndexPath);
        using var directory = FSDirectory.Open(IndexPath);
        // Another writer holds the index (as another process would): this app cannot open it.
        using var holder = new IndexWriter(directory, new IndexWriterConfig(SearchSchema.LuceneVersion, SearchAnalyzers.Indexing));
        using var app = new RestartablePortalFactory(_dataPath);
        var client = app.CreatePortalClient();
        await Eventually.TrueAsync(() => Task.FromResult(app.SearchIndex().State == SearchIndexState.Unavailable), "index unavailable");

        var page = await client.GetPageAsync("/cari?q=barista");
        await client.GetPageAsync("/berita");

        Assert.Contains("sedang disiapkan", page.Text("main"), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner; it never affects another test.
        }
    }

    /// <summary>Starts once to build the index, harms it with the app stopped, and asserts the next start rebuilds it and search answers.</summary>
    private async Task AssertRebuiltAfterAsync(Action harm)
    {
        using (await StartAsync())
        {
        }

        harm();
        using var restarted = await StartAsync();

        Assert.True(restarted.SearchIndex().RebuildsStarted == 1, $"rebuilds: {restarted.SearchIndex().RebuildsStarted}, state {restarted.SearchIndex().State}");
        Assert.NotEmpty(restarted.Search("kartu kuning").Hits);
        Assert.Single(restarted.Search("statistik", kind: SearchKind.Page.Code()).Urls(), "/statistik");
    }

    private async Task<PortalFactory> StartAsync()
    {
        var app = new RestartablePortalFactory(_dataPath);
        _ = app.Services;
        await app.SearchCaughtUpAsync();
        return app;
    }

    /// <summary>A context on the same database file with the same change recorder, outside the app.</summary>
    private PortalDbContext OutsideDbContext() => TestDatabase.OpenRecordingSearchChanges(_dataPath);

    private void RewriteCommitData(Action<Dictionary<string, string>> change, Action<IndexWriter>? write = null)
    {
        using var directory = FSDirectory.Open(IndexPath);
        using var writer = new IndexWriter(directory, new IndexWriterConfig(SearchSchema.LuceneVersion, SearchAnalyzers.Indexing) { OpenMode = OpenMode.APPEND });
        write?.Invoke(writer);
        using (var reader = DirectoryReader.Open(directory))
        {
            var data = new Dictionary<string, string>(reader.IndexCommit.UserData);
            change(data);
            writer.SetCommitData(data);
        }

        writer.Commit();
    }

    private static void CopyFolder(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
