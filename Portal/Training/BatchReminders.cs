namespace Portal.Training;

/// <summary>
/// "Ingatkan saya": a signed-in person asks for one email when a batch's registration opens, and
/// may cancel it. Sending is <see cref="BatchReminderSender"/>'s.
/// </summary>
public sealed class BatchReminders(PortalDbContext db, TimeProvider clock)
{
    /// <summary>Whether the person waits for this batch's email (not yet sent).</summary>
    public Task<bool> IsWaitingAsync(string userId, int batchId, CancellationToken cancellationToken) =>
        db.BatchReminders.AnyAsync(r => r.UserId == userId && r.BatchId == batchId && r.SentAtUtc == null, cancellationToken);

    /// <summary>
    /// Subscribes the person; asking again changes nothing. Only a batch that has not opened yet
    /// takes reminders: for one that is open there is nothing to wait for.
    /// </summary>
    public async Task<FormResult> SubscribeAsync(string userId, Batch batch, CancellationToken cancellationToken)
    {
        var now = Wib.UtcNow(clock);
        switch (batch.StatusAt(now))
        {
            case BatchStatus.Open:
                return FormResult.Fail(null, "Pendaftaran gelombang ini sudah dibuka; Anda dapat langsung mendaftar.");
            case BatchStatus.Closed:
                return FormResult.Fail(null, "Pendaftaran gelombang ini sudah ditutup.");
        }

        var existing = await db.BatchReminders.SingleOrDefaultAsync(r => r.UserId == userId && r.BatchId == batch.Id, cancellationToken);
        if (existing is not null)
        {
            // Sent before the opening was moved later: the person asks to be told again.
            existing.SentAtUtc = null;
            await db.SaveChangesAsync(cancellationToken);
            return FormResult.Success;
        }

        db.BatchReminders.Add(new BatchReminder { BatchId = batch.Id, UserId = userId, CreatedAtUtc = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same person's other request (a double click) saved it first: the unique index
            // refused the copy, and the one subscription stands.
            db.ChangeTracker.Clear();
            if (!await db.BatchReminders.AnyAsync(r => r.UserId == userId && r.BatchId == batch.Id, cancellationToken))
            {
                throw;
            }
        }

        return FormResult.Success;
    }

    public Task CancelAsync(string userId, int batchId, CancellationToken cancellationToken) =>
        db.BatchReminders.Where(r => r.UserId == userId && r.BatchId == batchId).ExecuteDeleteAsync(cancellationToken);
}
