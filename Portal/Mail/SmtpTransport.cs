using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Portal.Mail;

/// <summary>
/// Delivery over SMTP (MailKit), one connection per message. Only <see cref="MailDelivery"/> calls
/// it, in the background: a slow server never slows a page, and the time a sign-up or reset takes
/// does not tell whether an email was sent (no account enumeration by timing).
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
        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("Email \"{Subject}\" sent over SMTP", message.Subject);
    }
}
