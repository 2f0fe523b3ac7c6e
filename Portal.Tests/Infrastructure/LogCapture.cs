using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Every log line of one test app (what its configured levels let through, as in production, with
/// the scopes a JSON log would carry), kept for the test and appended to the run's log file. Each
/// line is checked for personal data and secrets as it is written (<see cref="LogLeaks"/>); a leak
/// goes to the run's leaks file, which ./test.sh reads after `dotnet test` and fails the run on.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider? _scopes;

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        _lines.Enqueue(line);
        RunLog.Append(line);
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"{logLevel} {category}: {formatter(state, exception)}");
            owner._scopes?.ForEachScope((scope, builder) => builder.Append(" => ").Append(scope), line);
            if (exception is not null)
            {
                line.Append(' ').Append(exception);
            }

            owner.Write(line.ToString().ReplaceLineEndings(" ¶ "));
        }
    }
}

/// <summary>
/// The log of the whole test run, one file for every test app of this process, and beside it the
/// leaks found. The folder is PORTAL_TEST_LOGS when set (./test.sh sets it), otherwise a folder of
/// this process in the temp dir.
/// </summary>
public static class RunLog
{
    public const string FolderVariable = "PORTAL_TEST_LOGS";

    private static readonly Lock Gate = new();
    private static StreamWriter? _log;
    private static StreamWriter? _leaks;

    public static string Folder { get; } = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder
        ? folder
        : Path.Combine(Path.GetTempPath(), "portal-test-logs", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

    public static string LogFile => Path.Combine(Folder, $"portal-{Environment.ProcessId}.log");

    public static string LeaksFile => Path.Combine(Folder, $"leaks-{Environment.ProcessId}.log");

    public static void Append(string line)
    {
        var leaks = LogLeaks.Find(line);
        lock (Gate)
        {
            if (_log is null)
            {
                Directory.CreateDirectory(Folder);
                _log = new StreamWriter(LogFile, append: true) { AutoFlush = true };
                _leaks = new StreamWriter(LeaksFile, append: true) { AutoFlush = true };
            }

            _log.WriteLine(line);
            foreach (var leak in leaks)
            {
                _leaks!.WriteLine($"{leak}: {line}");
            }
        }
    }
}

/// <summary>
/// What must never be in a log line: a NIK, a password used by the tests, a link token, a full
/// email address. Masked addresses ("n***@contoh.go.id") and ids pass.
/// </summary>
public static partial class LogLeaks
{
    /// <summary>
    /// Every password constant of the tests and the app (static fields named Password: the test
    /// accounts', the demo staff's), so that a new one is covered without being listed here.
    /// </summary>
    private static readonly Lazy<string[]> Passwords = new(() =>
        new[] { typeof(LogLeaks).Assembly, typeof(PortalUser).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(field => field.FieldType == typeof(string) && field.Name == "Password"
                && (field.IsLiteral || field.IsInitOnly))
            .Select(field => (field.IsLiteral ? field.GetRawConstantValue() : field.GetValue(null)) as string)
            .OfType<string>()
            .Where(value => value.Length >= 8)
            .Distinct()
            .ToArray());

    public static IReadOnlyList<string> Find(string line)
    {
        var found = new List<string>();
        foreach (Match match in SixteenDigits().Matches(line))
        {
            if (LooksLikeNik(match.Value))
            {
                found.Add($"NIK {match.Value}");
            }
        }

        found.AddRange(Passwords.Value.Where(p => line.Contains(p, StringComparison.Ordinal)).Select(p => $"password {p}"));
        found.AddRange(Tokens().Matches(line).Select(m => $"token {m.Value}"));
        found.AddRange(Portal.Shared.LogRedaction.EmailAddress().Matches(line).Select(m => $"email address {m.Value}"));
        return found;
    }

    /// <summary>A region code of a province (11–94), then a day (1–31, or 41–71 for women) and a month.</summary>
    private static bool LooksLikeNik(string digits)
    {
        var province = int.Parse(digits.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var day = int.Parse(digits.AsSpan(6, 2), CultureInfo.InvariantCulture);
        var month = int.Parse(digits.AsSpan(8, 2), CultureInfo.InvariantCulture);
        return province is >= 11 and <= 94 && (day is >= 1 and <= 31 or >= 41 and <= 71) && month is >= 1 and <= 12;
    }

    /// <summary>
    /// Exactly 16 digits, not part of a longer run of letters and digits (a GUID, a hash), and not
    /// a trace's span id (16 hex digits, now and then all decimal ones) in a log scope.
    /// </summary>
    [GeneratedRegex(@"(?<![0-9A-Za-z])(?<!(?:SpanId|ParentId):)[0-9]{16}(?![0-9A-Za-z])")]
    private static partial Regex SixteenDigits();

    /// <summary>The code of an emailed link (kode=…), or any data-protected payload (they all start with CfDJ8).</summary>
    [GeneratedRegex(@"kode=[^&\s""']+|CfDJ8[A-Za-z0-9_\-+/=%]{16,}")]
    private static partial Regex Tokens();
}
