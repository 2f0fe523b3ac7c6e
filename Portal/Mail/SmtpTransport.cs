using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Portal.Mail;

/// <summary>
/// Delivery over SMTP (MailKit), one connection per message. Only <see cref="MailDelivery"/> calls
/// it, in the background: a slow or unreachable server never slows a page. What a request does
/// for an email is one local insert into the queue, so a mail server's delay cannot tell whether
/// a sign-up or reset found an account.
/// </summary>
public sealed class SmtpTransport(IOptions<MailOptions> options, ILogger<SmtpTransport> logger) : IMailTransport
{
    public string Name => "smtp";

    public async Task DeliverAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        // Once the server has taken the message it counts as delivered: a shutdown now must not
        // cancel the goodbye and have the next start send it again.
        await client.DisconnectAsync(quit: true, CancellationToken.None);
        logger.LogInformation("Email \"{Subject}\" sent over SMTP", message.Subject);
    }
}
