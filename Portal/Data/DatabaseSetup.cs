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
}
