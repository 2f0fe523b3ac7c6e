using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Portal.Data;

/// <summary>
/// The one place that tells "the database cannot be reached now" from a bug, so that the request
/// error handler answers it with 503 instead of 500, the background loops wait for it quietly, and
/// the start-up stops with one line naming the setting. The provider's exception types stay here.
/// </summary>
public static class DatabaseUnavailable
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteCantOpen = 14;

    /// <summary>Whether the exception, or one it wraps (EF Core wraps the provider's), says the database is out of reach.</summary>
    public static bool Is(Exception exception) => Chain(exception).Any(IsConnectionLevel);

    /// <summary>
    /// What stops the start, in one Indonesian line naming the setting, or null for a failure that
    /// is not the connection's (a bug, shown with its stack trace). The password is never quoted.
    /// </summary>
    /// <param name="databaseMissing">The server was reached and had no such database (the migration creates it when the user may).</param>
    public static string? StartProblem(Exception exception, DatabaseProvider provider, string connectionString, bool databaseMissing) => provider switch
    {
        DatabaseProvider.PostgreSql => PostgreSqlStartProblem(exception, new NpgsqlConnectionStringBuilder(connectionString), databaseMissing),
        _ => Chain(exception).OfType<SqliteException>().FirstOrDefault() is { } sqlite
            ? $"{DataOptions.Section}:{nameof(DataOptions.DataPath)}: berkas basis data {new SqliteConnectionStringBuilder(connectionString).DataSource} " +
              $"tidak dapat dibuka ({sqlite.Message})."
            : null,
    };

    /// <summary>
    /// Everything Npgsql throws without the server's answer is the connection's (socket, stream, pool
    /// timeout); of the server's answers, FATAL ends the session (authentication, a database that is
    /// missing or closed to connections, a terminated backend) and class 08 is the connection's.
    /// </summary>
    private static bool IsConnectionLevel(Exception e) => e switch
    {
        PostgresException server => server.InvariantSeverity is "FATAL" or "PANIC"
            || server.SqlState.StartsWith("08", StringComparison.Ordinal)
            || server.SqlState.StartsWith("57P0", StringComparison.Ordinal),
        NpgsqlException => true,
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked or SqliteCantOpen,
        _ => false,
    };

    private static string? PostgreSqlStartProblem(Exception exception, NpgsqlConnectionStringBuilder connection, bool databaseMissing)
    {
        var server = $"{connection.Host}:{connection.Port}";
        var answer = Chain(exception).OfType<PostgresException>().FirstOrDefault();
        var reason = answer?.SqlState switch
        {
            "28P01" or "28000" => $"autentikasi pengguna \"{connection.Username}\" ditolak oleh server basis data {server} (periksa nama pengguna dan kata sandi)",
            "3D000" => $"basis data \"{connection.Database}\" tidak ada di server {server}",
            not null when databaseMissing =>
                $"basis data \"{connection.Database}\" tidak ada di server {server} dan tidak dapat dibuat oleh pengguna \"{connection.Username}\": {answer.MessageText}",
            "42501" => $"pengguna \"{connection.Username}\" tidak berhak menyiapkan basis data \"{connection.Database}\" di server {server}: {answer.MessageText}",
            not null => $"server basis data {server} menolak koneksi: {answer.MessageText} (SQLSTATE {answer.SqlState})",
            null when Chain(exception).Any(IsConnectionLevel) => $"server basis data {server} tidak dapat dihubungi ({Unreachable(exception)})",
            null => null,
        };
        return reason is null ? null : $"{DatabaseOptions.ConnectionStringKey}: {reason}.";
    }

    private static string Unreachable(Exception exception)
    {
        var socket = Chain(exception).OfType<SocketException>().FirstOrDefault();
        return socket?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "koneksi ditolak; apakah server berjalan dan port-nya benar?",
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "nama host tidak dikenal",
            SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable => "host tidak terjangkau",
            _ when Chain(exception).OfType<TimeoutException>().Any() => "waktu tunggu habis",
            _ => Chain(exception).Last().Message,
        };
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var current))
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
