using Microsoft.Extensions.Options;
using MimeKit;

namespace Portal.Mail;

/// <summary>Turns an <see cref="OutgoingMail"/> into a MIME message (UTF-8 plain text), the same for the outbox and SMTP.</summary>
public sealed class MailComposer(IOptions<MailOptions> options, TimeProvider clock)
{
    public MimeMessage Compose(OutgoingMail mail)
    {
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            Date = clock.GetUtcNow(),
            Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = mail.Body },
        };
        message.From.Add(new MailboxAddress(options.Value.FromName, options.Value.FromAddress));
        message.To.Add(MailboxAddress.Parse(mail.To));
        return message;
    }
}
