using System.Diagnostics;

namespace Portal.Search;

/// <summary>
/// Keeps the index in step with the database. At start-up it reuses an index that is in step,
/// and rebuilds one that is missing, damaged, of an older schema or ahead of the database, in the
/// background while pages keep serving. Then it follows the <see cref="SearchChange"/> table from
/// the last applied id: woken at once by saves in this process, polling for saves by others.
/// </summary>
public sealed class SearchSync(
    SearchIndex index,
    SearchSignal signal,
    IServiceScopeFactory scopes,
    IOptions<SearchOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<SearchSync> logger) : BackgroundService
{
    private const int BatchSize = 500;

    private readonly CommitGaps _gaps = new(TimeSpan.FromSeconds(options.Value.GapGraceSeconds), TimeProvider.System);

    // Real elapsed time, like the gaps: how often to record the cursor and prune is not business time.
    private long? _cursorRecordedAt;
    private long? _prunedAt;

    /// <summary>The newest rebuild request this node has acted on (a rebuild may stop below it, at a gap).</summary>
    private long _rebuildRequestHandled;

    /// <summary>The newest change id announced to the page cache (<see cref="SearchSignal.AppliedFromLog"/>).</summary>
    private long _announcedThrough;

    /// <summary>The ids of the previous read past the cursor, to tell a late commit from a change read again.</summary>
    private HashSet<long> _readLastTime = [];

    /// <summary>The most recent ids looked at when choosing where a rebuild resumes from.</summary>
    private const int WatermarkWindow = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Start-up goes on without waiting: the site serves pages while the index opens or rebuilds.
        await Task.Yield();
        try
        {
            // The site pages' addresses come from the page routes, which the link generator knows
            // only once the app has started; before that, a lookup can find no page.
            await StartedAsync(stoppingToken);
            await OpenOrRebuildAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Search index at {Path} could not be opened or rebuilt; search is unavailable until the next start", index.Path);
            index.MarkUnavailable();
            return;
        }

        var pollInterval = TimeSpan.FromMilliseconds(options.Value.PollIntervalMilliseconds);
        await Following.RunAsync(
            async cancellationToken =>
            {
                var more = await CatchUpAsync(cancellationToken);
                await ReportAndPruneAsync(cancellationToken);
                if (!more)
                {
                    await signal.WaitAsync(pollInterval, cancellationToken);
                }
            },
            pollInterval * 4,
            e => logger.LogError(e, "Search index update failed; retrying"),
            stoppingToken);
    }

    private async Task StartedAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (cancellationToken.Register(() => started.TrySetCanceled(cancellationToken)))
        {
            await started.Task;
        }
    }

    private async Task OpenOrRebuildAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var reason = index.Open(scope.ServiceProvider.GetRequiredService<SearchSource>().SitePageDocuments());
        if (reason is null)
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var latest = await db.SearchChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
            var oldest = await db.SearchChanges.MinAsync(c => (long?)c.Id, cancellationToken) ?? 0;
            if (oldest > index.LastAppliedChangeId + 1)
            {
                // Pruned while this node was away (see SearchFollowers): changes it never applied are gone.
                reason = $"the index has applied change {index.LastAppliedChangeId} but the log now starts at {oldest} (pruned while this node was away)";
            }
            else if (index.LastAppliedChangeId > latest)
            {
                reason = $"the index has applied change {index.LastAppliedChangeId} but the database ends at {latest} (was the database replaced?)";
            }
            else
            {
                logger.LogInformation("Search index opened at change {Applied}; {Pending} newer changes to apply",
                    index.LastAppliedChangeId, latest - index.LastAppliedChangeId);
                return;
            }
        }

        logger.LogWarning("Search index at {Path} is rebuilt from the database: {Reason}", index.Path, reason);
        await RebuildAsync(cancellationToken);
    }

    private async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        // Read before the content: everything up to here is in what follows, and anything later
        // is applied again from the table afterwards (applying a change twice is harmless).
        var watermark = await WatermarkAsync(db, cancellationToken);
        var documents = scope.ServiceProvider.GetRequiredService<SearchSource>().AllAsync(cancellationToken);
        var count = await index.RebuildAsync(documents, watermark, cancellationToken);
        logger.LogInformation("Search index rebuilt: {Count} documents in {Elapsed} ms, as of change {Watermark}",
            count, watch.ElapsedMilliseconds, watermark);
    }

    /// <summary>
    /// Every few seconds, records how far this node has applied (for pruning and /healthz) and, on
    /// the one node holding the lease, prunes what every live node has applied. Failures are logged
    /// and retried with the follower's own loop; the index keeps following meanwhile.
    /// </summary>
    private async Task ReportAndPruneAsync(CancellationToken cancellationToken)
    {
        var system = TimeProvider.System;
        if (_cursorRecordedAt is { } recorded && system.GetElapsedTime(recorded) < TimeSpan.FromSeconds(options.Value.CursorReportSeconds))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var followers = scope.ServiceProvider.GetRequiredService<SearchFollowers>();
        await followers.RecordAsync(index.LastAppliedChangeId, cancellationToken);
        _cursorRecordedAt = system.GetTimestamp();
        // The first pruning waits an interval too: nothing is gained by deleting at every start,
        // when all nodes of a deployment start at once.
        _prunedAt ??= system.GetTimestamp();
        if (system.GetElapsedTime(_prunedAt.Value) >= TimeSpan.FromSeconds(options.Value.PruneIntervalSeconds))
        {
            _prunedAt = system.GetTimestamp();
            var pruned = await followers.PruneAsync(cancellationToken);
            if (pruned > 0)
            {
                logger.LogInformation("Search change log pruned: {Count} changes every live node has applied", pruned);
            }
        }
    }

    /// <summary>
    /// The newest change id below which every id is present. Ids are contiguous unless a
    /// transaction holding one has not committed yet (possible where ids are not handed out in
    /// commit order); stopping below such a gap makes the change count when it lands.
    /// </summary>
    private static async Task<long> WatermarkAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var recent = await db.SearchChanges.OrderByDescending(c => c.Id).Select(c => c.Id).Take(WatermarkWindow).ToListAsync(cancellationToken);
        if (recent.Count == 0)
        {
            return 0;
        }

        var watermark = recent[0];
        for (var i = 1; i < recent.Count; i++)
        {
            if (recent[i] != recent[i - 1] - 1)
            {
                watermark = recent[i];
            }
        }

        return watermark;
    }

    /// <summary>Applies the next changes after the last applied one; true when there may be more right away.</summary>
    private async Task<bool> CatchUpAsync(CancellationToken cancellationToken)
    {
        var after = index.LastAppliedChangeId;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var changes = await db.SearchChanges.AsNoTracking().Where(c => c.Id > after).OrderBy(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
        if (changes.Count == 0)
        {
            return false;
        }

        _gaps.Saw(changes[^1].Id);
        if (changes.LastOrDefault(c => c.Entity == SearchEntity.Rebuild && c.Id > _rebuildRequestHandled) is { } request)
        {
            // Asked for on some node (SearchRebuildRequest): every node rebuilds its own index once.
            logger.LogWarning("Search index at {Path} is rebuilt from the database: asked for by staff (change {Request})", index.Path, request.Id);
            _rebuildRequestHandled = request.Id;
            await RebuildAsync(cancellationToken);
            _gaps.Applied(index.LastAppliedChangeId);
            return true;
        }

        var (upserts, deletes) = await scope.ServiceProvider.GetRequiredService<SearchSource>()
            .ChangedAsync(changes, index.KeysOfProgramme, cancellationToken);
        foreach (var key in deletes)
        {
            index.Delete(key);
        }

        foreach (var document in upserts)
        {
            index.Upsert(document);
        }

        var through = AppliedThrough(after, changes, _gaps);
        _gaps.Applied(through);
        if (through > after)
        {
            index.Commit(through);
        }
        else
        {
            index.Refresh();
        }

        // The cached pages must show what the index now shows, at the same moment: another node's
        // save reaches this node only through the log. News is a newer id, or an id below it that was
        // missing last time (it committed late, PostgreSQL); the changes held behind a gap are read
        // again on every poll and must not empty the cache each time.
        var lateCommit = changes.Any(c => c.Id <= _announcedThrough && !_readLastTime.Contains(c.Id));
        _readLastTime = changes.Select(c => c.Id).ToHashSet();
        if (changes[^1].Id > _announcedThrough || lateCommit)
        {
            _announcedThrough = Math.Max(_announcedThrough, changes[^1].Id);
            signal.Applied(_announcedThrough, lateCommit);
        }

        logger.LogDebug("Search index applied changes {From}–{To}: {Upserts} written, {Deletes} removed",
            changes[0].Id, changes[^1].Id, upserts.Count, deletes.Count);
        return through > after && changes.Count == BatchSize;
    }

    /// <summary>
    /// How far the applied position may move: through the changes read, but not past a missing id
    /// (a transaction not yet committed) until this follower has seen it missing for the grace
    /// period (<see cref="CommitGaps"/>: then it was rolled back). The changes past a gap are
    /// applied, and so visible, at once meanwhile, and applied again later, harmlessly.
    /// </summary>
    internal static long AppliedThrough(long after, IEnumerable<SearchChange> changes, CommitGaps gaps)
    {
        var through = after;
        foreach (var change in changes)
        {
            if (change.Id != through + 1 && !gaps.WaitedOut(through + 1))
            {
                break;
            }

            through = change.Id;
        }

        return through;
    }
}
