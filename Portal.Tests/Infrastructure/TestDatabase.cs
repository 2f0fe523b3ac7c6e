using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using Portal.Data;
using Portal.Search;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Which database the suite runs on. SQLite by default; ./test.sh runs the suite a second time with
/// PORTAL_TEST_DATABASE=PostgreSql and PORTAL_TEST_POSTGRES naming a throwaway server
/// (tools/postgres/throwaway.sh). Each app (a data folder) gets a database of its own on that server,
/// named after the folder, so a restart test's second app finds what the first one left.
/// </summary>
public static class TestDatabase
{
    public const string ProviderVariable = "PORTAL_TEST_DATABASE";

    public const string ServerVariable = "PORTAL_TEST_POSTGRES";

    public static DatabaseProvider Provider { get; } = ReadProvider();

    public static bool IsPostgreSql => Provider == DatabaseProvider.PostgreSql;

    /// <summary>The server's connection string (no database), from PORTAL_TEST_POSTGRES.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{ProviderVariable}=PostgreSql needs {ServerVariable}, the connection string of a PostgreSQL server " +
                "(./test.sh starts one with tools/postgres/throwaway.sh).");

    /// <summary>
    /// The settings that point an app at the database of this data folder, on the suite's provider
    /// or on the one given (an SQLite portal in the PostgreSQL pass, to move it to PostgreSQL).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Settings(string dataPath, DatabaseProvider? provider = null) =>
        (provider ?? Provider) == DatabaseProvider.PostgreSql
            ? new Dictionary<string, string>
            {
                [DatabaseOptions.ProviderKey] = nameof(DatabaseProvider.PostgreSql),
                [DatabaseOptions.ConnectionStringKey] = ConnectionString(dataPath),
            }
            : new Dictionary<string, string> { [DatabaseOptions.ProviderKey] = nameof(DatabaseProvider.Sqlite) };

    /// <summary>The same settings as environment variables, for a portal in a child process.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentVariables(string dataPath) =>
        Settings(dataPath).ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value);

    public static string ConnectionString(string dataPath, DatabaseProvider? provider = null) => (provider ?? Provider) == DatabaseProvider.PostgreSql
        ? new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = DatabaseName(dataPath) }.ToString()
        : PortalDbContexts.SqliteConnectionString(Path.Combine(dataPath, DataFolder.DatabaseFileName)) + ";Pooling=False";

    /// <summary>A context on the app's database, outside the app (for what a test checks or breaks behind its back).</summary>
    public static PortalDbContext Open(string dataPath, DatabaseProvider? provider = null) =>
        PortalDbContexts.Create(provider ?? Provider, ConnectionString(dataPath, provider));

    /// <summary>A context outside the app whose saves write the search change log, as another node's would.</summary>
    public static PortalDbContext OpenRecordingSearchChanges(string dataPath) =>
        PortalDbContexts.Create(Provider, ConnectionString(dataPath), new SearchChangeRecorder(TimeProvider.System));

    /// <summary>Whether the app of this data folder has created its database yet.</summary>
    public static bool Exists(string dataPath)
    {
        if (!IsPostgreSql)
        {
            return File.Exists(Path.Combine(dataPath, DataFolder.DatabaseFileName));
        }

        using var connection = OpenMaintenanceConnection();
        using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", DatabaseName(dataPath));
        return (long)command.ExecuteScalar()! > 0;
    }

    /// <summary>Removes the database of a data folder that the test owned (the folder itself is the caller's).</summary>
    public static void Drop(string dataPath)
    {
        if (!IsPostgreSql)
        {
            SqliteConnection.ClearAllPools();
            return;
        }

        NpgsqlConnection.ClearAllPools();
        using var connection = OpenMaintenanceConnection();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName(dataPath)}\" WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// A connection for creating and dropping databases. It names the server's "postgres" database:
    /// without a database Npgsql would ask for one named after the user, which does not exist.
    /// </summary>
    private static NpgsqlConnection OpenMaintenanceConnection()
    {
        var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>A database per data folder: "portal_" and a hash of its full path (PostgreSQL names are at most 63 bytes).</summary>
    public static string DatabaseName(string dataPath) =>
        "portal_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataPath))))[..24];

    private static DatabaseProvider ReadProvider()
    {
        var name = Environment.GetEnvironmentVariable(ProviderVariable);
        if (string.IsNullOrWhiteSpace(name))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException($"{ProviderVariable}={name}: use Sqlite or PostgreSql.");
    }
}
