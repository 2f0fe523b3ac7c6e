using System.Text.RegularExpressions;
using MimeKit;
using Portal.Mail;

namespace Portal.Tests.Infrastructure;

/// <summary>Reads the .eml files the portal wrote to its outbox, as a person reads their inbox.</summary>
public sealed partial class OutboxReader(string dataPath)
{
    public string Folder => Path.Combine(dataPath, Outbox.FolderName);

    /// <summary>Every message to an address, oldest first.</summary>
    public List<MimeMessage> To(string address)
    {
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
        return message!;
    }

    /// <summary>The first link in a message to a path of this site ("/akun/konfirmasi"), as path and query to follow.</summary>
    public static string LinkTo(MimeMessage message, string path)
    {
        var match = Links().Matches(message.TextBody ?? string.Empty)
            .Select(m => new Uri(m.Value))
            .FirstOrDefault(u => u.AbsolutePath == path);
        Assert.True(match is not null, $"No link to {path} in the email \"{message.Subject}\":\n{message.TextBody}");
        return match!.PathAndQuery;
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Links();
}
