namespace Portal.Mail;

/// <summary>
/// The one way the portal sends email: a <see cref="QueuedEmail"/> row in the request's own
/// DbContext, delivered afterwards by <see cref="MailDelivery"/>. An email about a change is
/// staged with <see cref="Add"/> and saved by the same SaveChanges, in the same transaction, as
/// the change: a change that fails leaves no email, and a change that is saved cannot lose its
/// email to a crash before the mail server took it. Callers never wait for a mail server and never
/// see its failures.
/// </summary>
public sealed class Mailer(PortalDbContext db, IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>Stages the email; it is saved with the caller's next SaveChanges, or not at all.</summary>
    public void Add(OutgoingMail mail) => db.QueuedEmails.Add(QueuedEmail.For(mail, Wib.UtcNow(clock)));

    /// <summary>
    /// Queues an email that goes with no change of ours (Identity's own flows, such as a new
    /// confirmation link, have saved theirs already): saved at once, in a context of its own, so
    /// that nothing else the request's context holds is saved with it (a user whose creation just
    /// lost a race, say, would be inserted again and fail the email with it).
    /// </summary>
    public async Task QueueAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        own.QueuedEmails.Add(QueuedEmail.For(mail, Wib.UtcNow(clock)));
        await own.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Drops what is still waiting for an address (its account is being deleted); in the caller's transaction.</summary>
    public Task<int> ForgetAsync(string address, CancellationToken cancellationToken) =>
        db.QueuedEmails.Where(e => e.To == address).ExecuteDeleteAsync(cancellationToken);
}
