using Portal.Search;

namespace Portal.Caching;

/// <summary>
/// Follows the same change log as search (<see cref="SearchChange"/>, appended by every save of an
/// article, programme, batch or topic on any node) and starts a new page generation when it grows:
/// so a save on one node clears the cached pages on all of them within one poll interval. Kept
/// apart from <see cref="SearchSync"/> on purpose: that follower stops when the Lucene index cannot
/// be opened, and stale pages must not depend on a healthy index. It reads one MAX and one count of
/// the newest ids over the primary key per poll. Saves in this process evict at once through
/// <see cref="SearchSignal.Saved"/>; another node's save, as soon as this node's index shows it
/// (<see cref="SearchSignal.AppliedFromLog"/>).
/// </summary>
public sealed class PageCacheFollower(
    PageCache cache,
    IServiceScopeFactory scopes,
    IOptions<SearchOptions> searchOptions,
    ILogger<PageCacheFollower> logger) : BackgroundService
{
    /// <summary>
    /// How far back a change may commit after a newer one and still be noticed: on PostgreSQL ids
    /// are handed out before commit, so id 11 can land after id 12 and leave the MAX unchanged.
    /// </summary>
    private const long LateCommitWindow = 1000;

    private long _seenLatest = -1;
    private long _recentCount = -1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var interval = TimeSpan.FromMilliseconds(searchOptions.Value.PollIntervalMilliseconds);
        await Following.RunAsync(
            async cancellationToken =>
            {
                await LookAsync(cancellationToken);
                await Task.Delay(interval, cancellationToken);
            },
            interval * 4,
            e => logger.LogWarning(e, "Page cache could not read the change log; retrying"),
            stoppingToken);
    }

    private async Task LookAsync(CancellationToken cancellationToken)
    {
        // Taken before reading: a save in this process during the read knows a newer log (see ChangeLogMoved).
        var followed = cache.FollowedChangeId;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var latest = await db.SearchChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
        // Rows among the newest ids: grows when a change commits late below the MAX (a range scan of the key).
        var recentCount = await db.SearchChanges.LongCountAsync(c => c.Id > latest - LateCommitWindow, cancellationToken);

        // The first look evicts too: pages may have been cached while the import ran.
        // "Differs", not "is greater": a restored backup can end below what was seen.
        var lateCommit = latest == _seenLatest && recentCount > _recentCount;
        _seenLatest = latest;
        _recentCount = recentCount;
        if (latest != followed || lateCommit)
        {
            cache.ChangeLogMoved(latest, followed);
        }
    }
}
