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

    [Range(1, 100)]
    public int PageSize { get; set; } = 10;
}
