using MimeKit;

namespace Portal.Mail;

/// <summary>Turns an <see cref="OutgoingMail"/> into a MIME message (UTF-8 plain text), the same for the outbox and SMTP.</summary>
public sealed class MailComposer(IOptions<MailOptions> options)
{
    /// <summary>Dated when it was written (queued), not when a retry finally delivers it.</summary>
    public MimeMessage Compose(OutgoingMail mail, DateTime writtenAtUtc)
    {
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            Date = new DateTimeOffset(writtenAtUtc, TimeSpan.Zero),
            Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = mail.Body },
        };
        message.From.Add(new MailboxAddress(options.Value.FromName, options.Value.FromAddress));
        message.To.Add(MailboxAddress.Parse(mail.To));
        return message;
    }
}
