namespace Portal.Training;

/// <summary>
/// One person's "Ingatkan saya" for a batch whose registration has not opened yet: one email when
/// it opens. <see cref="SentAtUtc"/> is set by a conditional update in the same transaction that
/// queues the email (see <see cref="BatchReminderSender"/>), so the email exists exactly when the
/// mark does, across restarts and however many senders run.
/// </summary>
public class BatchReminder
{
    public long Id { get; set; }

    public int BatchId { get; set; }

    public Batch? Batch { get; set; }

    public required string UserId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When the email was queued; null while it is still to be sent.</summary>
    public DateTime? SentAtUtc { get; set; }
}
