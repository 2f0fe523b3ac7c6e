using Portal.Shared;
using Portal.Training;

namespace Portal.Tests.Training;

/// <summary>Reminders are rows in the database: one that fell due while the portal was stopped is sent after it starts, and never again.</summary>
public sealed class BatchReminderRestartTests : IDisposable
{
    private readonly string _dataPath = PortalFactory.NewDataPath();

    [Fact]
    public async Task A_reminder_due_while_the_portal_was_stopped_is_sent_once_after_it_starts_again()
    {
        string email;
        using (var before = new RestartablePortalFactory(_dataPath))
        {
            var now = Wib.ToWib(before.Clock.GetUtcNow().UtcDateTime);
            var batch = TestData.Batch(TestData.Programme(), now.AddHours(2), now.AddDays(10));
            await before.AddAsync(batch);
            var user = await before.CreateUserAsync();
            email = user.Email!;
            var client = await before.SignedInClientAsync(user);
            var page = await client.GetPageAsync(TrainingLinks.Remind(batch.Programme!.Slug, batch.Key));
            using var subscribed = await client.ClickAsync(page.MainForm(), "Ingatkan saya");
            Assert.DoesNotContain(before.Outbox.To(email), IsOpenedEmail);
        }

        using (var after = new RestartablePortalFactory(_dataPath))
        {
            after.Clock.Advance(TimeSpan.FromHours(3));
            _ = after.Services;

            // Under the whole suite's load the sender's first look can meet a busy database; it looks
            // again after its pause (BatchReminderSender.PollInterval), so the wait outlasts that pause.
            await Eventually.TrueAsync(() => Task.FromResult(after.Outbox.To(email).Any(IsOpenedEmail)), "the reminder is sent by the portal started again",
                BatchReminderSender.PollInterval + TimeSpan.FromSeconds(30));
        }

        using var again = new RestartablePortalFactory(_dataPath);
        again.Clock.Advance(TimeSpan.FromHours(4));

        Assert.Equal(0, await again.Services.GetRequiredService<BatchReminderSender>().SendDueAsync(CancellationToken.None));
        Assert.Single(again.Outbox.To(email), IsOpenedEmail);
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

    private static bool IsOpenedEmail(MimeKit.MimeMessage message) => (message.Subject ?? string.Empty).StartsWith("Pendaftaran dibuka", StringComparison.Ordinal);
}
