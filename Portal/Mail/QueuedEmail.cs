namespace Portal.Mail;

/// <summary>
/// An email waiting to be delivered: saved in the same transaction as the change it tells about,
/// so that it exists exactly when the change does, and deleted once delivered, so that neither
/// the address nor a link that signs in as its owner stays in the database.
/// </summary>
public class QueuedEmail
{
    public const string TableName = "QueuedEmails";
    public const int ToMaxLength = 256;
    public const int SubjectMaxLength = 500;
    public const int LastErrorMaxLength = 500;

    public long Id { get; set; }

    public required string To { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Delivery attempts started, counted when a row is claimed, so that a node dying while it sends counts too.</summary>
    public int Attempts { get; set; }

    public DateTime NextAttemptAtUtc { get; set; }

    /// <summary>
    /// Set by the one delivery loop that claimed the row (a conditional update), for as long as
    /// a delivery may take; a claim left behind by a node that stopped mid-send runs out.
    /// </summary>
    public DateTime? ClaimedUntilUtc { get; set; }

    /// <summary>Why the last attempt failed, addresses masked; null while none has.</summary>
    public string? LastError { get; set; }

    public OutgoingMail ToMail() => new(To, Subject, Body);

    public static QueuedEmail For(OutgoingMail mail, DateTime nowUtc) => new()
    {
        To = mail.To,
        Subject = mail.Subject,
        Body = mail.Body,
        CreatedAtUtc = nowUtc,
        NextAttemptAtUtc = nowUtc,
    };
}
