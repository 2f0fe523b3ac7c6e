using Microsoft.Data.Sqlite;

namespace Portal.Data;

/// <summary>
/// Brings the database to the current schema with the EF Core migrations. The one place that
/// knows it talks to SQLite: WAL lets readers work while the importer or an editor writes.
/// </summary>
public static class DatabaseSetup
{
    public static async Task MigrateAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>
    /// SQLite picks its plans from the statistics ANALYZE writes; without them it guessed a scan
    /// of every published article per topic for the topic list (8 ms at 10,000 articles,
    /// seconds at 100,000) instead of a walk of each topic's own rows. Refreshed after every
    /// import, when the shape of the data may have changed: about a second at 100,000 articles,
    /// in the background, and reads go on meanwhile (WAL).
    /// </summary>
    public static async Task RefreshPlannerStatisticsAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE;", cancellationToken);
            // A connection reads the statistics once, with the schema: the pooled ones opened
            // before the import ended (the search, page-cache and mail pollers open theirs at
            // start-up) would go on planning without them. Emptying the pool makes every later
            // connection read them.
            SqliteConnection.ClearPool((SqliteConnection)db.Database.GetDbConnection());
        }
    }
}
