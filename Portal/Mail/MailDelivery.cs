using MimeKit;
using Portal.Observability;

namespace Portal.Mail;

/// <summary>
/// Delivers the <see cref="QueuedEmail"/> rows through the configured transport: woken by each
/// commit that queued mail, polling for retries and for rows queued elsewhere, and at start-up
/// picking up whatever an earlier run left (rows survive restarts). Of several nodes on one
/// database, one sends at a time: the holder of the <see cref="LeaseName"/> lease (see
/// <see cref="HeldLease"/>); the others look only to see whether its holder has gone. Mail queued
/// on a node that does not hold it goes out at the holder's next look (the poll interval). Each
/// row is also claimed by a conditional update before it is sent, the second guard: of two loops
/// that both think they may send (a lease run out mid-batch), only one sends it. A delivered row is deleted: its address and any sign-in link go
/// with it. A failed attempt is retried later, each wait twice the last; after the last attempt
/// the message is written to data/outbox and logged as an error, to be sent by hand: losing a
/// password-reset email silently would be worse than a file to resend.
/// </summary>
public sealed class MailDelivery(
    IServiceScopeFactory scopes,
    IMailTransport transport,
    MailComposer composer,
    Outbox outbox,
    MailSignal signal,
    IOptions<MailOptions> options,
    PortalMetrics metrics,
    TimeProvider clock,
    ILogger<MailDelivery> logger) : BackgroundService
{
    /// <summary>Longer than any one delivery may take (MailKit gives up on a silent server after two minutes).</summary>
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(5);

    public const string LeaseName = "mail-delivery";

    /// <summary>The shortest lease: how long the mail waits when its holder dies.</summary>
    public static readonly TimeSpan ShortestLease = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromHours(1);

    private const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var pollInterval = TimeSpan.FromSeconds(options.Value.PollIntervalSeconds);
        var lease = new HeldLease(LeaseName, LeaseDuration(pollInterval), scopes, clock, logger);
        try
        {
            await Following.RunAsync(
                async cancellationToken =>
                {
                    if (!await lease.HoldAsync(cancellationToken) || await DeliverDueAsync(lease, cancellationToken) < BatchSize)
                    {
                        await signal.WaitAsync(pollInterval, cancellationToken);
                    }
                },
                pollInterval,
                e => logger.LogError(e, "Email queue could not be read; retrying"),
                stoppingToken);
        }
        finally
        {
            await lease.ReleaseAsync();
        }
    }

    /// <summary>Three looks of an idle holder fit in its lease, so that a live holder never loses it between looks.</summary>
    public static TimeSpan LeaseDuration(TimeSpan pollInterval) => pollInterval * 3 > ShortestLease ? pollInterval * 3 : ShortestLease;

    /// <summary>Delivers the rows due now, oldest first; returns how many were due (a full batch: look again at once).</summary>
    public Task<int> DeliverDueAsync(CancellationToken cancellationToken) => DeliverDueAsync(null, cancellationToken);

    /// <summary>As above; with a lease, stops when this node no longer holds it (renewed between messages, since one may take minutes).</summary>
    private async Task<int> DeliverDueAsync(HeldLease? lease, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = Wib.UtcNow(clock);
        var due = await Due(db, now).OrderBy(e => e.Id).Select(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
        foreach (var id in due)
        {
            if (lease is not null && !await lease.HoldAsync(cancellationToken))
            {
                break;
            }

            if (await TryClaimAsync(db, id, cancellationToken)
                && await db.QueuedEmails.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken) is { } email)
            {
                await DeliverAsync(db, email, cancellationToken);
            }
        }

        return due.Count;
    }

    /// <summary>
    /// Takes the row for this loop until <see cref="ClaimDuration"/> has passed. One statement
    /// checks and sets the claim, so of two loops that both saw the row due, one gets it.
    /// </summary>
    public async Task<bool> TryClaimAsync(PortalDbContext db, long id, CancellationToken cancellationToken)
    {
        var now = Wib.UtcNow(clock);
        var until = now + ClaimDuration;
        return await Due(db, now).Where(e => e.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedUntilUtc, until).SetProperty(e => e.Attempts, e => e.Attempts + 1), cancellationToken) == 1;
    }

    private static IQueryable<QueuedEmail> Due(PortalDbContext db, DateTime now) =>
        db.QueuedEmails.Where(e => e.NextAttemptAtUtc <= now && (e.ClaimedUntilUtc == null || e.ClaimedUntilUtc < now));

    /// <summary>The row as claimed: <see cref="QueuedEmail.Attempts"/> counts this attempt.</summary>
    private async Task DeliverAsync(PortalDbContext db, QueuedEmail email, CancellationToken cancellationToken)
    {
        MimeMessage message;
        try
        {
            message = composer.Compose(email.ToMail(), email.CreatedAtUtc);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An address the account form took but MIME cannot write ("(a@x.id"): no attempt will
            // ever succeed, so the row is dropped rather than claimed again every few minutes.
            await db.QueuedEmails.Where(q => q.Id == email.Id).ExecuteDeleteAsync(CancellationToken.None);
            metrics.EmailFailed();
            logger.LogError("Email {EmailId} \"{Subject}\" cannot be written as a message ({Reason}); it is dropped",
                email.Id, email.Subject, LogRedaction.EmailsIn(e.Message));
            return;
        }

        try
        {
            await transport.DeliverAsync(message, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the next start (or another node) sends it, without waiting for the claim to run out.
            await db.QueuedEmails.Where(e => e.Id == email.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedUntilUtc, (DateTime?)null), CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            metrics.EmailFailed();
            // The server's answer often quotes the recipient ("550 5.1.1 <name@example.id>: unknown user").
            var reason = LogRedaction.EmailsIn(e.Message);
            if (email.Attempts >= options.Value.MaxAttempts)
            {
                var path = await outbox.WriteAsync(message, CancellationToken.None);
                await db.QueuedEmails.Where(q => q.Id == email.Id).ExecuteDeleteAsync(CancellationToken.None);
                logger.LogError("Email {EmailId} \"{Subject}\" was not delivered ({Delivery}) after {Attempts} attempts ({Reason}); it is kept in {Path}",
                    email.Id, email.Subject, transport.Name, email.Attempts, reason, path);
                return;
            }

            var next = Wib.UtcNow(clock) + RetryDelay(email.Attempts);
            var lastError = reason.Length > QueuedEmail.LastErrorMaxLength ? reason[..QueuedEmail.LastErrorMaxLength] : reason;
            await db.QueuedEmails.Where(q => q.Id == email.Id).ExecuteUpdateAsync(s => s
                .SetProperty(q => q.ClaimedUntilUtc, (DateTime?)null)
                .SetProperty(q => q.NextAttemptAtUtc, next)
                .SetProperty(q => q.LastError, lastError), CancellationToken.None);
            logger.LogWarning("Email {EmailId} \"{Subject}\" was not delivered ({Delivery}, attempt {Attempts} of {MaxAttempts}): {Reason}; trying again at {NextAttemptUtc:O}",
                email.Id, email.Subject, transport.Name, email.Attempts, options.Value.MaxAttempts, reason, next);
            return;
        }

        metrics.EmailDelivered(transport.Name);
        // At least once, not exactly once: should this delete fail (the database away for a
        // moment), the row is sent again when its claim runs out. A second copy beats a lost one.
        await db.QueuedEmails.Where(e => e.Id == email.Id).ExecuteDeleteAsync(CancellationToken.None);
    }

    /// <summary>The wait after the given number of failed attempts: the configured delay, doubled each time, at most an hour.</summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        var delay = TimeSpan.FromSeconds(options.Value.RetryDelaySeconds) * Math.Pow(2, Math.Min(failedAttempts - 1, 16));
        return delay < LongestRetryDelay ? delay : LongestRetryDelay;
    }
}
