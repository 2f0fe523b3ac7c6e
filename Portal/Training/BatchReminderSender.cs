using Portal.Mail;

namespace Portal.Training;

/// <summary>
/// Queues the "registration is open" email of every <see cref="BatchReminder"/> whose batch has
/// opened, once a minute (through the TimeProvider) and at start-up, so that what a stopped portal
/// missed is sent when it starts again. Each reminder is marked sent by a conditional update in the
/// same transaction that queues its email: of two senders (two nodes, or a look that overlaps the
/// next), only the one whose update changed the row queues the email, and a crash before the
/// commit leaves neither the mark nor the email. That is the second guard: of several nodes on one
/// database, only the holder of the <see cref="LeaseName"/> lease looks (see <see cref="HeldLease"/>),
/// and another takes over when it dies. A singleton, so that tests can run a look.
/// </summary>
public sealed class BatchReminderSender(IServiceScopeFactory scopes, TimeProvider clock, ILogger<BatchReminderSender> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMinutes(1);

    public const string LeaseName = "batch-reminders";

    /// <summary>Three looks fit in it, so that a live holder never loses it between looks.</summary>
    public static readonly TimeSpan LeaseDuration = PollInterval * 3;

    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var lease = new HeldLease(LeaseName, LeaseDuration, scopes, clock, logger);
        try
        {
            await Following.RunAsync(
                async cancellationToken =>
                {
                    if (!await lease.HoldAsync(cancellationToken) || await SendDueAsync(cancellationToken) < BatchSize)
                    {
                        await Task.Delay(PollInterval, clock, cancellationToken);
                    }
                },
                PollInterval,
                e => logger.LogError(e, "Batch reminders could not be sent; retrying"),
                stoppingToken);
        }
        finally
        {
            await lease.ReleaseAsync();
        }
    }

    /// <summary>Queues the emails due now; returns how many reminders were due (a full batch: look again at once).</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = Wib.UtcNow(clock);
        List<long> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            due = await (
                    from batch in db.Batches.Where(Batch.OpenAt(now))
                    join reminder in db.BatchReminders on batch.Id equals reminder.BatchId
                    where reminder.SentAtUtc == null
                    orderby reminder.Id
                    select reminder.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        foreach (var id in due)
        {
            await SendAsync(id, cancellationToken);
        }

        return due.Count;
    }

    /// <summary>
    /// Queues one reminder's email unless it has been sent: a sender whose list of due reminders
    /// is already stale (another node sent them since) sends nothing. Returns whether it queued.
    /// </summary>
    internal async Task<bool> SendAsync(long reminderId, CancellationToken cancellationToken)
    {
        var now = Wib.UtcNow(clock);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.BatchReminders.Where(r => r.Id == reminderId && r.SentAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.SentAtUtc, now), cancellationToken);
        if (claimed != 1)
        {
            return false;
        }

        var recipient = await db.BatchReminders.AsNoTracking()
            .Where(r => r.Id == reminderId)
            .Select(r => new
            {
                r.Batch,
                r.Batch!.Programme,
                Email = db.Users.Where(u => u.Id == r.UserId).Select(u => u.Email).FirstOrDefault(),
                FullName = db.JobSeekerProfiles.Where(p => p.UserId == r.UserId).Select(p => p.FullName).FirstOrDefault(),
            })
            .SingleAsync(cancellationToken);
        recipient.Batch!.Programme = recipient.Programme;
        if (recipient.Email is not null)
        {
            var emails = scope.ServiceProvider.GetRequiredService<BatchReminderEmails>();
            scope.ServiceProvider.GetRequiredService<Mailer>().Add(emails.RegistrationOpened(recipient.Email, recipient.FullName, recipient.Batch!));
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
