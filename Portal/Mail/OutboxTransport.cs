using MimeKit;

namespace Portal.Mail;

/// <summary>
/// The default transport: writes the message to data/outbox and logs where. Never the address or
/// the link: a confirmation or reset link carries a token that signs in as its owner, and logs are
/// kept and shipped where the outbox is not (open the .eml file to follow the link).
/// </summary>
public sealed class OutboxTransport(Outbox outbox, ILogger<OutboxTransport> logger) : IMailTransport
{
    public string Name => "outbox";

    public async Task DeliverAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var path = await outbox.WriteAsync(message, cancellationToken);
        logger.LogInformation("Email \"{Subject}\" written to {Path}", message.Subject, path);
    }
}
