using System.Threading.Channels;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Portal.Mail;

/// <summary>
/// Queues messages for <see cref="SmtpDelivery"/>. The request that sends a message does not wait
/// for the mail server: a slow server never slows a page, and the time a sign-up or reset takes
/// does not tell whether an email was sent (no account enumeration by timing).
/// </summary>
public sealed class SmtpMailSender(MailComposer composer, SmtpBacklog queue) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken) =>
        await queue.Messages.Writer.WriteAsync(composer.Compose(mail), cancellationToken);
}

/// <summary>The in-memory queue between requests and the delivery service; a singleton.</summary>
public sealed class SmtpBacklog
{
    public Channel<MimeMessage> Messages { get; } = Channel.CreateUnbounded<MimeMessage>(new UnboundedChannelOptions { SingleReader = true });
}

/// <summary>
/// Delivers queued messages one by one over SMTP (MailKit). A message the server refuses, or that
/// is still queued when the app stops, is written to the outbox and logged as an error, to be sent
/// by hand: losing a password-reset email silently would be worse than a file to resend.
/// </summary>
public sealed class SmtpDelivery(SmtpBacklog queue, Outbox outbox, IOptions<MailOptions> options, ILogger<SmtpDelivery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in queue.Messages.Reader.ReadAllAsync(stoppingToken))
            {
                await DeliverAsync(message, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            while (queue.Messages.Reader.TryRead(out var message))
            {
                await KeepAsync(message, "the portal stopped before it was sent");
            }
        }
    }

    private async Task DeliverAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        try
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password, cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await KeepAsync(message, e.Message);
        }
    }

    private async Task KeepAsync(MimeMessage message, string reason)
    {
        var path = await outbox.WriteAsync(message, CancellationToken.None);
        logger.LogError("Email \"{Subject}\" was not delivered over SMTP ({Reason}); it is kept in {Path}", message.Subject, reason, path);
    }
}
