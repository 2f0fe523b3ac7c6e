using System.Threading.Channels;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Observability;
using Portal.Shared;

namespace Portal.Mail;

/// <summary>
/// Queues messages for <see cref="SmtpDelivery"/>. The request that sends a message does not wait
/// for the mail server: a slow server never slows a page, and the time a sign-up or reset takes
/// does not tell whether an email was sent (no account enumeration by timing).
/// </summary>
public sealed class SmtpMailSender(MailComposer composer, SmtpBacklog queue, PortalMetrics metrics) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        await queue.AddAsync(composer.Compose(mail), cancellationToken);
        metrics.EmailQueued("smtp");
    }
}

/// <summary>
/// The in-memory queue between requests and the delivery service, and what the delivery did
/// since start-up (for /healthz); a singleton.
/// </summary>
public sealed class SmtpBacklog
{
    private int _queued;
    private long _delivered;
    private long _failed;
    private int _failuresInARow;

    public Channel<MimeMessage> Messages { get; } = Channel.CreateUnbounded<MimeMessage>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Counted here: a single-reader channel cannot count its items.</summary>
    public int Queued => Volatile.Read(ref _queued);

    public long Delivered => Interlocked.Read(ref _delivered);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Failures since the last delivery: more than zero means the server refuses now, not once.</summary>
    public int FailuresInARow => Volatile.Read(ref _failuresInARow);

    public async ValueTask AddAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _queued);
        try
        {
            await Messages.Writer.WriteAsync(message, cancellationToken);
        }
        catch
        {
            Interlocked.Decrement(ref _queued);
            throw;
        }
    }

    /// <summary>A message left the queue, for delivery or for the outbox.</summary>
    public void RecordTaken() => Interlocked.Decrement(ref _queued);

    public void RecordDelivered()
    {
        Interlocked.Increment(ref _delivered);
        Volatile.Write(ref _failuresInARow, 0);
    }

    public void RecordFailed()
    {
        Interlocked.Increment(ref _failed);
        Interlocked.Increment(ref _failuresInARow);
    }
}

/// <summary>
/// Delivers queued messages one by one over SMTP (MailKit). A message the server refuses, or that
/// is still queued when the app stops, is written to the outbox and logged as an error, to be sent
/// by hand: losing a password-reset email silently would be worse than a file to resend.
/// </summary>
public sealed class SmtpDelivery(SmtpBacklog queue, Outbox outbox, IOptions<MailOptions> options, PortalMetrics metrics, ILogger<SmtpDelivery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in queue.Messages.Reader.ReadAllAsync(stoppingToken))
            {
                queue.RecordTaken();
                await DeliverAsync(message, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            while (queue.Messages.Reader.TryRead(out var message))
            {
                queue.RecordTaken();
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
            queue.RecordDelivered();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            queue.RecordFailed();
            await KeepAsync(message, e.Message);
        }
    }

    private async Task KeepAsync(MimeMessage message, string reason)
    {
        metrics.EmailFailed();
        var path = await outbox.WriteAsync(message, CancellationToken.None);
        // The server's answer often quotes the recipient ("550 5.1.1 <name@example.id>: unknown user").
        logger.LogError("Email \"{Subject}\" was not delivered over SMTP ({Reason}); it is kept in {Path}",
            message.Subject, LogRedaction.EmailsIn(reason), path);
    }
}
