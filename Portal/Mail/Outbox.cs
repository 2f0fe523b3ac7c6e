using MimeKit;

namespace Portal.Mail;

/// <summary>
/// The folder data/outbox: every message as an .eml file that any mail program opens. It is the
/// default way of "sending" (no mail server needed to try the portal), what the tests read, and
/// where a message lands when the SMTP server has refused every attempt, so nothing is lost.
/// </summary>
public sealed class Outbox(DataFolder dataFolder, TimeProvider clock)
{
    public const string FolderName = "outbox";

    public string Folder => dataFolder.Folder(FolderName);

    public async Task<string> WriteAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        // Sortable by time, unique without coordination between requests.
        var name = $"{clock.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid():N}.eml";
        var path = Path.Combine(Folder, name);
        // Written under a temporary name and moved into place, so that a reader (a person, the tests)
        // never sees half a message.
        var partial = path + ".partial";
        await message.WriteToAsync(partial, cancellationToken);
        File.Move(partial, path);
        return path;
    }
}
