using Portal.Observability;

namespace Portal.Mail;

/// <summary>
/// The default sender: writes the message to data/outbox and logs where. Never the address or the
/// link: a confirmation or reset link carries a token that signs in as its owner, and logs are kept
/// and shipped where the outbox is not (open the .eml file to follow the link).
/// </summary>
public sealed class OutboxMailSender(MailComposer composer, Outbox outbox, PortalMetrics metrics, ILogger<OutboxMailSender> logger) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var path = await outbox.WriteAsync(composer.Compose(mail), cancellationToken);
        metrics.EmailQueued("outbox");
        logger.LogInformation("Email \"{Subject}\" written to {Path}", mail.Subject, path);
    }
}
