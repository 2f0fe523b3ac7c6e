using System.Text.Json;
using AngleSharp.Html.Dom;
using Portal.Data;
using Portal.Observability;
using Portal.Search;

namespace Portal.Tests.Search;

/// <summary>A portal whose search waits at most two seconds of real time for a missing change id.</summary>
public class ShortGapFactory : PortalFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"{SearchOptions.Section}:{nameof(SearchOptions.GapGraceSeconds)}"] = "2",
    };
}

/// <summary>
/// A portal whose search waits a whole minute for a missing change id: far longer than a test's
/// steps take on a loaded CI machine while it holds a transaction open, so the follower never
/// takes that id for a rolled-back one.
/// </summary>
public class LongGapFactory : PortalFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"{SearchOptions.Section}:{nameof(SearchOptions.GapGraceSeconds)}"] = "60",
    };
}

/// <summary>
/// On PostgreSQL, change ids are handed out before commit: a later id can commit first. The
/// follower applies what it sees at once and never skips a change that commits late.
/// </summary>
[Trait("Database", "PostgreSqlOnly")]
public sealed class SearchOutOfOrderCommitTests(LongGapFactory factory) : IClassFixture<LongGapFactory>
{
    [Fact]
    public async Task A_change_that_commits_after_a_later_one_is_still_found_on_the_search_page()
    {
        await factory.SearchCaughtUpAsync();
        var late = SearchWords.Unique();
        var early = SearchWords.Unique();
        var publishedAt = factory.Clock.GetUtcNow().UtcDateTime.AddHours(-1);

        await using var slow = TestDatabase.OpenRecordingSearchChanges(factory.DataPath);
        await using var t1 = await slow.Database.BeginTransactionAsync();
        slow.Articles.Add(TestData.Article(title: $"Lambat {late}", publishedAtUtc: publishedAt));
        await slow.SaveChangesAsync(); // its change row has an id now, not yet committed

        await factory.AddAsync(TestData.Article(title: $"Cepat {early}", publishedAtUtc: publishedAt)); // a later id, committed
        await Eventually.TrueAsync(async () => (await factory.SearchResultTitlesAsync(early)).Count == 1, "the later change is found at once");
        Assert.Empty(await factory.SearchResultTitlesAsync(late));
        var reader = factory.CreatePortalClient();
        await reader.GetPageAsync("/berita");
        Assert.DoesNotContain(late, (await reader.GetPageAsync("/berita")).Text("main"), StringComparison.Ordinal); // now from the page cache

        await t1.CommitAsync();

        await Eventually.TrueAsync(async () => (await factory.SearchResultTitlesAsync(late)).Count == 1, "the change that committed late is found");
        Assert.Equal([$"Lambat {late}"], await factory.SearchResultTitlesAsync(late));
        await Eventually.TrueAsync(
            async () => (await reader.GetPageAsync("/berita")).Text("main").Contains(late, StringComparison.Ordinal),
            "the cached news list shows the article that committed late");
    }
}

/// <summary>A rolled-back insert leaves an id that never comes: the follower passes it after a few real seconds.</summary>
[Trait("Database", "PostgreSqlOnly")]
public sealed class SearchRolledBackGapTests(ShortGapFactory factory) : IClassFixture<ShortGapFactory>
{
    [Fact]
    public async Task A_rolled_back_change_leaves_a_gap_that_is_passed_after_the_grace_and_later_changes_are_found_at_once()
    {
        await factory.SearchCaughtUpAsync();
        await using (var rolledBack = TestDatabase.OpenRecordingSearchChanges(factory.DataPath))
        await using (var transaction = await rolledBack.Database.BeginTransactionAsync())
        {
            rolledBack.Articles.Add(TestData.Article(title: $"Batal {SearchWords.Unique()}"));
            await rolledBack.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        var word = SearchWords.Unique();
        await factory.AddAsync(TestData.Article(title: $"Sesudah celah {word}", publishedAtUtc: factory.Clock.GetUtcNow().UtcDateTime.AddHours(-1)));
        await Eventually.TrueAsync(async () => (await factory.SearchResultTitlesAsync(word)).Count == 1, "a change after the gap is found without waiting for it");

        // The app's clock stands still (a FakeTimeProvider): only real time passes the gap.
        await factory.SearchCaughtUpAsync();
    }
}

/// <summary>
/// Several nodes on one database, each with its own index: each records its cursor, the log is
/// pruned below the slowest live node, a rebuild asked for on one node happens on every node,
/// and /healthz tells each node's position.
/// </summary>
public sealed class SearchClusterTests : IDisposable
{
    private readonly string _dataPath = PortalFactory.NewDataPath();

    [Fact]
    public async Task A_rebuild_asked_for_on_one_node_rebuilds_the_index_of_every_node()
    {
        using var a = new NodeFactory(_dataPath, "node-a");
        using var b = new NodeFactory(_dataPath, "node-b");
        await a.SearchCaughtUpAsync();
        await b.SearchCaughtUpAsync();
        var (rebuildsOnA, rebuildsOnB) = (a.SearchIndex().RebuildsStarted, b.SearchIndex().RebuildsStarted);
        var buildOfB = b.SearchIndex().BuildId;

        var admin = await a.ClientInRoleAsync(Roles.Admin);
        var home = await admin.GetPageAsync("/admin/pencarian");
        var done = await Html.ParseAsync(await admin.SubmitAsync((IHtmlFormElement)home.QuerySelector("form.rebuild-search")!));
        Assert.Contains("dibangun ulang di setiap node", done.Text("[role=status]"), StringComparison.Ordinal);

        await Eventually.TrueAsync(() => Task.FromResult(b.SearchIndex().RebuildsStarted == rebuildsOnB + 1), "node B rebuilds");
        await Eventually.TrueAsync(() => Task.FromResult(a.SearchIndex().RebuildsStarted == rebuildsOnA + 1), "node A rebuilds");
        await b.SearchCaughtUpAsync();
        Assert.NotEqual(buildOfB, b.SearchIndex().BuildId);
        var results = await b.CreatePortalClient().GetPageAsync("/cari?q=barista");
        Assert.NotEmpty(results.QuerySelectorAll(".search-result"));
        var nodes = (await admin.GetPageAsync("/admin/pencarian")).QuerySelectorAll(".search-nodes tbody td:first-child").Select(td => td.TextContent).ToList();
        Assert.Equal(["node-a", "node-b"], nodes);
    }

    [Fact]
    public async Task The_log_is_pruned_below_the_slowest_live_node_and_a_node_gone_for_a_day_does_not_hold_it_back()
    {
        using var a = new NodeFactory(_dataPath, "node-a");
        // The other nodes are recorded before the new changes exist, so the node's own pruning loop
        // (its first round runs at start, at a moment the test does not control) can never prune past them.
        await a.SearchCaughtUpAsync();
        var now = a.Clock.GetUtcNow().UtcDateTime;
        var slowest = await a.WithDbAsync(db => db.SearchChanges.MaxAsync(c => c.Id)) + 5;
        await a.AddAsync(
            new SearchFollower { Node = "node-slow", AppliedChangeId = slowest, SeenAtUtc = now.AddMinutes(-1) },
            new SearchFollower { Node = "node-gone", AppliedChangeId = 0, SeenAtUtc = now.AddHours(-25) });
        for (var i = 0; i < 10; i++)
        {
            await a.AddAsync(TestData.Article(title: $"Berita {SearchWords.Unique()}"));
        }

        await a.SearchCaughtUpAsync();
        var applied = a.SearchIndex().LastAppliedChangeId;
        Assert.True(applied > slowest, $"node A applied {applied}, not past the slow node's {slowest}");

        await using (var scope = a.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SearchFollowers>().RecordAsync(applied, CancellationToken.None);
        }

        // This call or the node's own pruning loop, whichever runs first, leaves the log starting at
        // the slowest live node's cursor (the loop can win the race, and then this call finds nothing).
        // (On PostgreSQL an id may be missing, so "the slowest's cursor" is the first id from there.)
        var firstKept = await a.WithDbAsync(db => db.SearchChanges.Where(c => c.Id >= slowest).MinAsync(c => c.Id));
        await PruneAsync(a);
        Assert.True(slowest > 1, "the log had nothing below the slow node to prune");
        Assert.Equal(firstKept, await a.WithDbAsync(db => db.SearchChanges.MinAsync(c => c.Id)));
        Assert.Contains(await a.WithDbAsync(db => db.SearchFollowers.Select(f => f.Node).ToListAsync()), n => n == "node-a");

        // The slow node catches up; its next record lets the log go up to the others' cursors.
        await a.WithDbAsync(db => db.SearchFollowers.Where(f => f.Node == "node-slow")
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.AppliedChangeId, applied)));
        await PruneAsync(a);
        var liveSince = now.AddHours(-24);
        var slowestLive = await a.WithDbAsync(db => db.SearchFollowers.Where(f => f.SeenAtUtc >= liveSince).MinAsync(f => f.AppliedChangeId));
        Assert.True(slowestLive > slowest);
        Assert.Equal(slowestLive, await a.WithDbAsync(db => db.SearchChanges.MinAsync(c => c.Id)));
    }

    [Fact]
    public async Task A_node_whose_index_is_behind_the_pruned_log_rebuilds_when_it_starts()
    {
        using (var a = new NodeFactory(_dataPath, "node-a"))
        {
            await a.SearchCaughtUpAsync();
        }

        using var b = new NodeFactory(_dataPath, "node-b");
        await b.SearchCaughtUpAsync();
        // Two changes node A never saw: the first is pruned, the second stays as B's cursor.
        await b.AddAsync(TestData.Article(title: $"Baru {SearchWords.Unique()}"));
        await b.AddAsync(TestData.Article(title: $"Baru {SearchWords.Unique()}"));
        await b.SearchCaughtUpAsync();
        await b.WithDbAsync(db => db.SearchFollowers.Where(f => f.Node == "node-a")
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.SeenAtUtc, f => f.SeenAtUtc.AddDays(-2))));
        await b.WithDbAsync(db => db.SearchFollowers.Where(f => f.Node == "node-b")
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.AppliedChangeId, b.SearchIndex().LastAppliedChangeId)));
        b.Clock.Advance(TimeSpan.FromMinutes(4)); // node A's prune lease, held when it stopped, expires
        Assert.True(await PruneAsync(b) > 0);

        using var again = new NodeFactory(_dataPath, "node-a");
        await again.SearchCaughtUpAsync();

        Assert.Equal(1, again.SearchIndex().RebuildsStarted);
    }

    [Fact]
    public async Task Healthz_tells_the_node_its_applied_change_the_newest_and_the_lag()
    {
        using var a = new NodeFactory(_dataPath, "node-a");
        await a.SearchCaughtUpAsync();
        var newest = await a.WithDbAsync(db => db.SearchChanges.MaxAsync(c => c.Id));

        var search = await SearchCheckAsync(a);

        var data = search.GetProperty("data");
        Assert.Equal("node-a", data.GetProperty("node").GetString());
        Assert.Equal(newest, data.GetProperty("appliedChange").GetInt64());
        Assert.Equal(newest, data.GetProperty("newestChange").GetInt64());
        Assert.Equal(0, data.GetProperty("lag").GetInt64());
        Assert.Contains($"perubahan {newest} diterapkan, terbaru {newest}, tertinggal 0 perubahan / 0 detik", search.GetProperty("description").GetString(), StringComparison.Ordinal);

        // A change this node has not applied yet (its follower cannot open the index meanwhile).
        a.SearchIndex().MarkUnavailable();
        await a.WithDbAsync(db =>
        {
            db.SearchChanges.Add(new SearchChange { Entity = SearchEntity.Topic, EntityId = 0, ChangedAtUtc = a.Clock.GetUtcNow().UtcDateTime });
            return db.SaveChangesAsync();
        });
        a.Clock.Advance(TimeSpan.FromSeconds(42));

        data = (await SearchCheckAsync(a)).GetProperty("data");
        Assert.Equal(newest + 1, data.GetProperty("newestChange").GetInt64());
        Assert.Equal(1, data.GetProperty("lag").GetInt64());
        Assert.Equal(42, data.GetProperty("lagSeconds").GetDouble());
    }

    private static async Task<JsonElement> SearchCheckAsync(PortalFactory factory)
    {
        var body = await factory.ClientFrom("127.0.0.1").GetStringAsync(new Uri(HealthEndpoint.Path, UriKind.Relative));
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("checks").GetProperty("search").Clone();
    }

    private static async Task<int> PruneAsync(PortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SearchFollowers>().PruneAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        TestDatabase.Drop(_dataPath);
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>One node of a cluster on the shared data folder's database, with an index folder of its own.</summary>
    private sealed class NodeFactory(string dataPath, string node) : PortalFactory(dataPath)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            [$"{NodeOptions.Section}:{nameof(NodeOptions.Name)}"] = node,
            [$"{SearchOptions.Section}:{nameof(SearchOptions.IndexPath)}"] = "index-" + node,
        };
    }
}
