namespace Portal.Search;

public sealed class SearchOptions
{
    public const string Section = "Portal:Search";

    /// <summary>
    /// How often the index looks for changes saved by other processes or nodes. Changes saved in
    /// this process wake it at once, so this only bounds how stale another node's save can be.
    /// </summary>
    [Range(50, 60_000)]
    public int PollIntervalMilliseconds { get; set; } = 500;

    /// <summary>
    /// How long a missing change id is waited for before it is taken for a rolled-back transaction.
    /// Matters on databases whose ids are not handed out in commit order (PostgreSQL sequences).
    /// </summary>
    [Range(1, 3600)]
    public int GapGraceSeconds { get; set; } = 10;

    /// <summary>
    /// Changes the index may be behind the database before /healthz says Degraded. A burst of saves
    /// (an import) passes this for a moment; a lag that stays means the follower is stuck.
    /// </summary>
    [Range(1, 1_000_000)]
    public int HealthyLag { get; set; } = 1000;

    /// <summary>How often this node records its cursor in SearchFollowers (for pruning and /healthz).</summary>
    [Range(1, 3600)]
    public int CursorReportSeconds { get; set; } = 5;

    /// <summary>How often the node holding the prune lease deletes the rows every live node has applied.</summary>
    [Range(1, 86_400)]
    public int PruneIntervalSeconds { get; set; } = 60;

    /// <summary>
    /// A node whose cursor was not recorded for this long no longer holds pruning back; if it comes
    /// back, its index is behind the pruned log and is rebuilt.
    /// </summary>
    [Range(1, 24 * 365)]
    public int FollowerStaleHours { get; set; } = 24;

    /// <summary>
    /// The index folder, node-local; relative paths are taken from the data folder ("index").
    /// Two portals on one SQLite file in one data folder (tests) need different index folders.
    /// </summary>
    [Required]
    public string IndexPath { get; set; } = "index";

    [Range(1, 100)]
    public int PageSize { get; set; } = 10;
}
