namespace Portal.Mail;

/// <summary>The default sender: writes the message to data/outbox and logs where (and, in Development, its link).</summary>
public sealed class OutboxMailSender(MailComposer composer, Outbox outbox, IHostEnvironment environment, ILogger<OutboxMailSender> logger) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var path = await outbox.WriteAsync(composer.Compose(mail), cancellationToken);
        if (environment.IsDevelopment() && mail.Link is not null)
        {
            logger.LogInformation("Email \"{Subject}\" written to {Path}; its link: {Link}", mail.Subject, path, mail.Link);
        }
        else
        {
            logger.LogInformation("Email \"{Subject}\" written to {Path}", mail.Subject, path);
        }
    }
}
