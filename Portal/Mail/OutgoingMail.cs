namespace Portal.Mail;

/// <summary>One plain-text message to one person.</summary>
public sealed record OutgoingMail(string To, string Subject, string Body);

/// <summary>Sends the portal's email. Callers never wait for a mail server and never see its failures.</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
