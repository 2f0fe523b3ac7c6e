using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Data;

/// <summary>The model on SQLite; its migrations are in Data/Migrations/Sqlite.</summary>
public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options);

/// <summary>The model on PostgreSQL; its migrations are in Data/Migrations/PostgreSql.</summary>
public sealed class PostgreSqlPortalDbContext(DbContextOptions<PostgreSqlPortalDbContext> options) : PortalDbContext(options);

/// <summary>The one place that turns a provider and a connection string into a context.</summary>
public static class PortalDbContexts
{
    /// <summary>
    /// A context outside the app's services (admin commands, tests, benchmarks); the caller disposes it.
    /// The interceptors given are the app's own recorders when the saves must be seen as the app's are.
    /// </summary>
    public static PortalDbContext Create(DatabaseProvider provider, string connectionString, params IInterceptor[] interceptors) => provider switch
    {
        DatabaseProvider.PostgreSql => new PostgreSqlPortalDbContext(
            Configure(new DbContextOptionsBuilder<PostgreSqlPortalDbContext>(), provider, connectionString).AddInterceptors(interceptors).Options),
        _ => new SqlitePortalDbContext(
            Configure(new DbContextOptionsBuilder<SqlitePortalDbContext>(), provider, connectionString).AddInterceptors(interceptors).Options),
    };

    public static DbContextOptionsBuilder<T> Configure<T>(DbContextOptionsBuilder<T> options, DatabaseProvider provider, string connectionString)
        where T : PortalDbContext
    {
        _ = provider == DatabaseProvider.PostgreSql
            ? options.UseNpgsql(connectionString)
            : options.UseSqlite(connectionString);
        return options;
    }

    /// <summary>The default timeout also makes SQLite wait (not fail) while another connection writes.</summary>
    public static string SqliteConnectionString(string databaseFile) => $"Data Source={databaseFile};Default Timeout=30";
}
