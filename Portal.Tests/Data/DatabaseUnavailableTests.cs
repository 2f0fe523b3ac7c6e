using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;
using Portal.Data;

namespace Portal.Tests.Data;

/// <summary>What counts as "the database is out of reach" (503, a quiet retry) and what is a bug (500, a stack trace).</summary>
public class DatabaseUnavailableTests
{
    public static TheoryData<string, Exception, bool> Failures => new()
    {
        { "connection refused", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)), true },
        { "pool exhausted", new NpgsqlException("The connection pool has been exhausted", new TimeoutException()), true },
        { "session terminated", new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"), true },
        { "database closed to connections", new PostgresException("database is not currently accepting connections", "FATAL", "FATAL", "55000"), true },
        { "connection failure", new PostgresException("connection failure", "ERROR", "ERROR", "08006"), true },
        { "wrapped by EF Core", new DbUpdateException("save failed", new NpgsqlException("Exception while reading from stream", new IOException())), true },
        { "SQLite busy", new SqliteException("database is locked", 5), true },
        { "SQLite cannot open", new SqliteException("unable to open database file", 14), true },
        { "unique violation", new PostgresException("duplicate key value", "ERROR", "ERROR", "23505"), false },
        { "syntax error", new PostgresException("syntax error", "ERROR", "ERROR", "42601"), false },
        { "SQLite constraint", new SqliteException("UNIQUE constraint failed", 19), false },
        { "a bug", new InvalidOperationException("Sequence contains no elements"), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Tells_an_outage_from_a_bug(string what, Exception failure, bool unavailable) =>
        Assert.True(DatabaseUnavailable.Is(failure) == unavailable, what);
}
