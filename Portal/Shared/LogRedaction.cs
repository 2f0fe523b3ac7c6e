using System.Text.RegularExpressions;

namespace Portal.Shared;

/// <summary>
/// What personal data may appear in a log line: none that identifies a person outside the
/// database. Logs are kept longer, copied further and read by more people than the database, so
/// an address is masked to its first letter and its domain ("n***@contoh.go.id"): enough to tell
/// an operator which mail server or office is involved, not who. Ids (account, application) are
/// logged instead of addresses; NIKs, passwords and link tokens are never logged at all.
/// </summary>
public static partial class LogRedaction
{
    public static string Email(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return string.Empty;
        }

        var at = address.LastIndexOf('@');
        return at <= 0 ? "***" : string.Concat(address.AsSpan(0, 1), "***", address.AsSpan(at));
    }

    /// <summary>Every address inside a text (a mail server's answer, an exception message) masked.</summary>
    public static string EmailsIn(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : EmailAddress().Replace(text, match => Email(match.Value));

    /// <summary>An unmasked address; the tests' log scan looks for the same.</summary>
    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+")]
    internal static partial Regex EmailAddress();
}
