using MimeKit;

namespace Portal.Mail;

/// <summary>One plain-text message to one person.</summary>
public sealed record OutgoingMail(string To, string Subject, string Body);

/// <summary>
/// How <see cref="MailDelivery"/> hands a message on: to the outbox folder, or to an SMTP server.
/// Throws when the message was not taken, so that the queue tries again later.
/// </summary>
public interface IMailTransport
{
    /// <summary>"outbox" or "smtp": for metrics and the health check.</summary>
    string Name { get; }

    Task DeliverAsync(MimeMessage message, CancellationToken cancellationToken);
}
