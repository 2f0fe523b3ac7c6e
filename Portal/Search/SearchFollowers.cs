namespace Portal.Search;

/// <summary>
/// One row per node that follows the <see cref="SearchChange"/> log: how far its index has applied,
/// recorded every few seconds. The slowest node seen lately bounds what may be pruned from the log.
/// </summary>
public class SearchFollower
{
    /// <summary>The <see cref="ClusterNode"/> name.</summary>
    public string Node { get; set; } = "";

    public long AppliedChangeId { get; set; }

    public DateTime SeenAtUtc { get; set; }
}

/// <summary>
/// Records this node's cursor, and prunes the change log on one node of the cluster at a time (a
/// <see cref="ClusterLease"/>). A row goes only when every node seen within
/// <see cref="SearchOptions.FollowerStaleHours"/> has applied it; a node gone longer does not hold
/// the log back, and when it comes back its index is behind what was pruned, so it rebuilds (see
/// <see cref="SearchSync"/>). The newest applied row of the slowest node stays, so the log is never
/// empty under an index that has applied something.
/// </summary>
public sealed class SearchFollowers(PortalDbContext db, ClusterNode node, ClusterLease lease, TimeProvider clock, IOptions<SearchOptions> options)
{
    public const string PruneLease = "search-changes-prune";

    public async Task RecordAsync(long appliedChangeId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var me = node.Name;
        var updated = await db.Set<SearchFollower>().Where(f => f.Node == me)
            .ExecuteUpdateAsync(set => set.SetProperty(f => f.AppliedChangeId, appliedChangeId).SetProperty(f => f.SeenAtUtc, now), cancellationToken);
        if (updated == 0)
        {
            db.Add(new SearchFollower { Node = me, AppliedChangeId = appliedChangeId, SeenAtUtc = now });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Deletes the rows every live node has applied, when this node holds the lease; how many went.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.PruneIntervalSeconds);
        if (!await lease.TryAcquireAsync(PruneLease, interval * 3, cancellationToken))
        {
            return 0;
        }

        var liveSince = clock.GetUtcNow().UtcDateTime.AddHours(-options.Value.FollowerStaleHours);
        var slowest = await db.Set<SearchFollower>().Where(f => f.SeenAtUtc >= liveSince).MinAsync(f => (long?)f.AppliedChangeId, cancellationToken);
        return slowest is { } keepFrom
            ? await db.SearchChanges.Where(c => c.Id < keepFrom).ExecuteDeleteAsync(cancellationToken)
            : 0;
    }

    public Task<List<SearchFollower>> AllAsync(CancellationToken cancellationToken) =>
        db.Set<SearchFollower>().AsNoTracking().OrderBy(f => f.Node).ToListAsync(cancellationToken);
}

/// <summary>Asks every node to rebuild its index: a <see cref="SearchEntity.Rebuild"/> row in the log.</summary>
public static class SearchRebuildRequest
{
    public static async Task AddAsync(PortalDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        db.SearchChanges.Add(new SearchChange { Entity = SearchEntity.Rebuild, ChangedAtUtc = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
    }
}
