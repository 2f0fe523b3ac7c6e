namespace Portal.Search;

/// <summary>
/// One row per saved change to something search shows (an article, programme, batch or topic),
/// appended in the same transaction as the change itself. The table is the one path from the
/// database to every search index: each node tails it from the last id its index applied, so
/// several nodes can follow one database and a restarted node catches up on what it missed.
/// The row says only what changed; the follower re-reads the current state, so applying a row
/// twice is harmless.
/// </summary>
public class SearchChange
{
    public long Id { get; set; }

    public SearchEntity Entity { get; set; }

    public int EntityId { get; set; }

    public DateTime ChangedAtUtc { get; set; }
}

public enum SearchEntity
{
    Article,
    Programme,
    Batch,
    Topic,

    /// <summary>
    /// Not an entity: a staff request that every node rebuild its index from the database (see
    /// <see cref="SearchRebuildRequest"/>). In the log, so each node's follower meets it once.
    /// </summary>
    Rebuild,
}
