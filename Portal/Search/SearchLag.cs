namespace Portal.Search;

/// <summary>
/// How far this node's index is behind the database: the newest <see cref="SearchChange"/> id
/// minus the last one the index applied. Measured against the database, not by the follower
/// itself, so that a follower that is stuck shows a growing lag instead of its last good figure.
/// </summary>
public sealed class SearchLag(SearchIndex index, IServiceScopeFactory scopes)
{
    /// <summary>Synchronous for the metrics gauge's callback; one indexed MAX over the primary key.</summary>
    public long Measure()
    {
        using var scope = scopes.CreateScope();
        var latest = scope.ServiceProvider.GetRequiredService<PortalDbContext>().SearchChanges.Max(c => (long?)c.Id) ?? 0;
        return Math.Max(0, latest - index.LastAppliedChangeId);
    }
}
