using Portal.Mail;

namespace Portal.Tests.Mail;

/// <summary>Queuing through the app's own <see cref="Mailer"/>, and looking at the queue.</summary>
public static class MailTestData
{
    public static async Task QueueAsync(this PortalFactory factory, OutgoingMail mail)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Mailer>().QueueAsync(mail, CancellationToken.None);
    }

    public static Task<List<QueuedEmail>> QueuedToAsync(this PortalFactory factory, string address) =>
        factory.WithDbAsync(db => db.QueuedEmails.AsNoTracking().Where(e => e.To == address).ToListAsync());

    /// <summary>A delivery loop of its own, as another app node on the same database would run.</summary>
    public static MailDelivery AnotherDeliveryLoop(this PortalFactory factory) => ActivatorUtilities.CreateInstance<MailDelivery>(factory.Services);

    /// <summary>After the test moved the clock past a retry: wakes the app's delivery instead of waiting for its poll.</summary>
    public static void WakeDelivery(this PortalFactory factory) => factory.Services.GetRequiredService<MailSignal>().Notify();

    public static QueuedEmail Row(string to, string subject, DateTime nowUtc, TimeSpan? dueIn = null) => new()
    {
        To = to,
        Subject = subject,
        Body = "Isi pesan uji.",
        CreatedAtUtc = nowUtc,
        NextAttemptAtUtc = nowUtc + (dueIn ?? TimeSpan.Zero),
    };
}
