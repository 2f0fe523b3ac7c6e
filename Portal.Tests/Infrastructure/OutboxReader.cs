using System.Data.Common;
using System.Diagnostics;
using System.Text.RegularExpressions;
using MimeKit;
using Portal.Data;
using Portal.Mail;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Reads the .eml files the portal wrote to its outbox, as a person reads their inbox. The portal
/// writes them in the background, moments after the request that queued them; each read first
/// waits (bounded) until no queued email is due, so that what a request queued is there, and
/// what it did not queue is known to be absent.
/// </summary>
/// <param name="databasePath">The data folder whose database holds the queue, when it is another app's (several nodes on one database).</param>
public sealed partial class OutboxReader(string dataPath, TimeProvider clock, string? databasePath = null)
{
    /// <summary>Generous: delivery takes milliseconds, but a loaded machine may be slow.</summary>
    private static readonly TimeSpan DeliveryBound = TimeSpan.FromSeconds(30);

    public string Folder => Path.Combine(dataPath, Outbox.FolderName);

    /// <summary>Every message to an address, oldest first.</summary>
    public List<MimeMessage> To(string address)
    {
        AwaitDelivery();
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        return new DirectoryInfo(Folder).GetFiles("*.eml")
            .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => MimeMessage.Load(f.FullName))
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }

    /// <summary>The newest message to an address whose subject contains the text; fails the test when there is none.</summary>
    public MimeMessage Latest(string address, string subjectContains)
    {
        var message = To(address).LastOrDefault(m => (m.Subject ?? string.Empty).Contains(subjectContains, StringComparison.OrdinalIgnoreCase));
        Assert.True(message is not null, $"No email to {address} with '{subjectContains}' in its subject; there are: {string.Join(" | ", To(address).Select(m => m.Subject))}");
        return message;
    }

    /// <summary>
    /// Returns once no email is due (none waiting to be sent now, none being sent), or after the
    /// bound; emails waiting for a retry later do not count. Then every file is in place: the
    /// delivery writes the file before it deletes the row.
    /// </summary>
    public void AwaitDelivery()
    {
        var database = databasePath ?? dataPath;
        if (!TestDatabase.Exists(database))
        {
            return;
        }

        using var db = TestDatabase.Open(database);
        var watch = Stopwatch.StartNew();
        try
        {
            while (watch.Elapsed < DeliveryBound && AnyDue(db))
            {
                Thread.Sleep(5);
            }
        }
        catch (DbException)
        {
            // A database the portal has not migrated yet has no queue to wait for.
        }
    }

    private bool AnyDue(PortalDbContext db)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.QueuedEmails.Any(e => e.NextAttemptAtUtc <= now);
    }

    /// <summary>The first link in a message to a path of this site ("/akun/konfirmasi"), as path and query to follow.</summary>
    public static string LinkTo(MimeMessage message, string path)
    {
        var match = Links().Matches(message.TextBody ?? string.Empty)
            .Select(m => new Uri(m.Value))
            .FirstOrDefault(u => u.AbsolutePath == path);
        Assert.True(match is not null, $"No link to {path} in the email \"{message.Subject}\":\n{message.TextBody}");
        return match.PathAndQuery;
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Links();
}
