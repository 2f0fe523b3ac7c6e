namespace Portal.Mail;

/// <summary>
/// One plain-text message to one person. <see cref="Link"/> is the action the message asks for
/// (confirm, reset): in Development it is logged so that a newcomer can click it without a mail server.
/// </summary>
public sealed record OutgoingMail(string To, string Subject, string Body)
{
    public string? Link { get; init; }
}

/// <summary>Sends the portal's email. Callers never wait for a mail server and never see its failures.</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
