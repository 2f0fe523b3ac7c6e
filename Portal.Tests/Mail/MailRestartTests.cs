using Portal.Mail;

namespace Portal.Tests.Mail;

/// <summary>The queue is in the database: what one run of the portal left, the next one sends.</summary>
public sealed class MailRestartTests : IDisposable
{
    private readonly string _dataPath = PortalFactory.NewDataPath();

    [Fact]
    public async Task Emails_left_in_the_queue_when_the_portal_stopped_are_delivered_after_it_starts_again()
    {
        var to = TestAccounts.NewEmail();
        using (var before = new RestartablePortalFactory(_dataPath))
        {
            var now = before.Clock.GetUtcNow().UtcDateTime;
            await before.WithDbAsync(db =>
            {
                // One waiting for a retry, one claimed by a run that stopped while sending it.
                db.QueuedEmails.Add(MailTestData.Row(to, "Uji: percobaan ulang", now, dueIn: TimeSpan.FromMinutes(30)));
                var sending = MailTestData.Row(to, "Uji: sedang dikirim", now);
                sending.Attempts = 1;
                sending.ClaimedUntilUtc = now + MailDelivery.ClaimDuration;
                db.QueuedEmails.Add(sending);
                return db.SaveChangesAsync();
            });
            Assert.Equal(0, await before.AnotherDeliveryLoop().DeliverDueAsync(CancellationToken.None));
        }

        using var after = new RestartablePortalFactory(_dataPath);
        after.Clock.Advance(TimeSpan.FromMinutes(30));
        _ = after.Services;

        Assert.Equal(["Uji: percobaan ulang", "Uji: sedang dikirim"], after.Outbox.To(to).Select(m => m.Subject).Order(StringComparer.Ordinal));
        Assert.Empty(await after.QueuedToAsync(to));
    }

    public void Dispose()
    {
        TestDatabase.Drop(_dataPath);
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner; it never affects another test.
        }
    }
}
