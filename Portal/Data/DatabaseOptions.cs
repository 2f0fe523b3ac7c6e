using Npgsql;

namespace Portal.Data;

/// <summary>Which database engine holds the portal's data.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: one file, portal.db, in the data folder.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, for several portal nodes on one database (ConnectionStrings:Portal).</summary>
    PostgreSql,
}

/// <summary>
/// Portal:Database. The provider is named here and the connection in ConnectionStrings:Portal
/// (for PostgreSQL, from the environment in production: ConnectionStrings__Portal).
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Portal:Database";

    public const string ProviderKey = Section + ":Provider";

    public const string ConnectionStringName = "Portal";

    public const string ConnectionStringKey = "ConnectionStrings:" + ConnectionStringName;

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Reads the settings without the options machinery, because the provider decides which
    /// DbContext is registered. A wrong value is a <see cref="DatabaseConfigurationException"/>
    /// whose message names the setting (shown as one line, not a stack trace).
    /// </summary>
    public static (DatabaseProvider Provider, string? ConnectionString) Read(IConfiguration configuration)
    {
        var name = configuration[ProviderKey];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(name) && !Enum.TryParse(name.Trim(), ignoreCase: true, out provider))
        {
            throw new DatabaseConfigurationException(
                $"{ProviderKey} = \"{name}\" tidak dikenal; pilih Sqlite atau PostgreSql.");
        }

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (provider == DatabaseProvider.PostgreSql && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new DatabaseConfigurationException(
                $"{ProviderKey} = PostgreSql memerlukan {ConnectionStringKey} (di produksi dari variabel lingkungan ConnectionStrings__Portal).");
        }

        if (provider == DatabaseProvider.PostgreSql)
        {
            CheckPostgreSqlConnectionString(connectionString!);
        }

        return (provider, string.IsNullOrWhiteSpace(connectionString) ? null : connectionString);
    }

    /// <summary>
    /// A connection string Npgsql cannot read would otherwise fail at the first connection, deep in
    /// the start-up. The parser's messages name the keyword, never a value, so no password is shown.
    /// </summary>
    private static void CheckPostgreSqlConnectionString(string connectionString)
    {
        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new DatabaseConfigurationException($"{ConnectionStringKey} tidak dapat dibaca: {e.Message}", e);
        }

        if (string.IsNullOrWhiteSpace(parsed.Host))
        {
            throw new DatabaseConfigurationException($"{ConnectionStringKey} tidak menyebut server (Host=...).");
        }
    }
}

/// <summary>
/// What the rest of the portal may know of the database, registered by AddPortalData: not which
/// engine runs, only whether several nodes can share it (so that what they must share, such as the
/// data-protection keys, goes into it rather than into one machine's data folder).
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider)
{
    /// <summary>SQLite is a file in one node's data folder; a PostgreSQL server is where several nodes meet.</summary>
    public bool IsSharedByNodes => Provider == DatabaseProvider.PostgreSql;
}

/// <summary>A database setting that cannot work; its message names the setting, in Indonesian, for the one start-up line.</summary>
public sealed class DatabaseConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
