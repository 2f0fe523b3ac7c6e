using Portal.Data;
using Portal.Mail;
using Portal.Training;

namespace Portal.Tests.Mail;

public class MailQueueTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Without_SMTP_a_queued_email_becomes_an_eml_file_and_leaves_the_queue()
    {
        var to = TestAccounts.NewEmail();
        var queuedAt = factory.Clock.GetUtcNow();

        await factory.QueueAsync(new OutgoingMail(to, "Uji: pelatihan dibuka", "Halo, pelatihan barista dibuka hari Senin."));

        Assert.IsType<OutboxTransport>(factory.Services.GetRequiredService<IMailTransport>());
        var message = factory.Outbox.Latest(to, "pelatihan dibuka");
        Assert.Equal("Halo, pelatihan barista dibuka hari Senin.", message.TextBody?.Trim());
        Assert.Equal("no-reply@pelatihan.serangkota.go.id", message.From.Mailboxes.Single().Address);
        Assert.Equal(queuedAt, message.Date);
        Assert.Empty(await factory.QueuedToAsync(to));
    }

    [Fact]
    public async Task An_email_queued_on_its_own_is_saved_without_what_else_the_context_holds()
    {
        var to = TestAccounts.NewEmail();
        await using var scope = factory.Services.CreateAsyncScope();
        var mailer = scope.ServiceProvider.GetRequiredService<Mailer>();

        // Staged in the request's context and never saved by its caller (as after a failed Identity save).
        mailer.Add(new OutgoingMail(to, "Uji: tidak pernah disimpan", "Isi."));
        await mailer.QueueAsync(new OutgoingMail(to, "Uji: disimpan sendiri", "Isi."), CancellationToken.None);

        factory.Outbox.Latest(to, "disimpan sendiri");
        Assert.DoesNotContain(factory.Outbox.To(to), m => m.Subject!.Contains("tidak pernah disimpan", StringComparison.Ordinal));
        Assert.Empty(await factory.QueuedToAsync(to));
    }

    [Fact]
    public async Task An_address_that_cannot_be_written_as_a_message_is_dropped_not_claimed_again_forever()
    {
        const string unwritable = "(tanpa-penutup@contoh.id";

        await factory.QueueAsync(new OutgoingMail(unwritable, "Uji: alamat rusak", "Isi."));

        factory.Outbox.AwaitDelivery();
        Assert.Empty(await factory.QueuedToAsync(unwritable));
        Assert.DoesNotContain(Directory.Exists(factory.Outbox.Folder) ? Directory.GetFiles(factory.Outbox.Folder, "*.eml") : [],
            f => File.ReadAllText(f).Contains("alamat rusak", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_email_staged_with_a_change_is_saved_with_it_or_not_at_all()
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var user = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id));
        var submitted = await factory.SubmitApplicationAsync(user.Id, batch.Id);
        await using var first = factory.Services.CreateAsyncScope();
        await using var second = factory.Services.CreateAsyncScope();
        var firstCopy = await first.ServiceProvider.GetRequiredService<PortalDbContext>().Applications.SingleAsync(a => a.Id == submitted.Id);
        var secondCopy = await second.ServiceProvider.GetRequiredService<PortalDbContext>().Applications.SingleAsync(a => a.Id == submitted.Id);

        first.ServiceProvider.GetRequiredService<Mailer>().Add(new OutgoingMail(user.Email!, "Uji: perubahan tersimpan", "Isi."));
        var saved = await first.ServiceProvider.GetRequiredService<ApplicationService>()
            .ChangeStatusAsync(firstCopy, ApplicationStatus.Diverifikasi, null, null, CancellationToken.None);
        // The second copy still says Diajukan: its save fails on the status, and takes its email with it.
        second.ServiceProvider.GetRequiredService<Mailer>().Add(new OutgoingMail(user.Email!, "Uji: perubahan gagal", "Isi."));
        var failed = await second.ServiceProvider.GetRequiredService<ApplicationService>()
            .ChangeStatusAsync(secondCopy, ApplicationStatus.Dibatalkan, user.Id, null, CancellationToken.None);

        Assert.True(saved.Succeeded);
        Assert.False(failed.Succeeded);
        factory.Outbox.Latest(user.Email!, "perubahan tersimpan");
        Assert.DoesNotContain(factory.Outbox.To(user.Email!), m => m.Subject!.Contains("perubahan gagal", StringComparison.Ordinal));
        Assert.Empty(await factory.QueuedToAsync(user.Email!));
    }

    [Fact]
    public async Task A_row_claimed_by_one_delivery_loop_is_not_taken_by_another()
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var row = MailTestData.Row(TestAccounts.NewEmail(), "Uji: klaim", now, dueIn: TimeSpan.FromDays(1));
        await factory.AddAsync(row);
        var one = factory.AnotherDeliveryLoop();
        var other = factory.AnotherDeliveryLoop();

        await factory.WithDbAsync(async db =>
        {
            Assert.False(await one.TryClaimAsync(db, row.Id, CancellationToken.None), "not due yet");
            await db.QueuedEmails.Where(e => e.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.NextAttemptAtUtc, now));
            Assert.True(await one.TryClaimAsync(db, row.Id, CancellationToken.None));
            Assert.False(await other.TryClaimAsync(db, row.Id, CancellationToken.None));
            Assert.False(await one.TryClaimAsync(db, row.Id, CancellationToken.None));
            var claimed = await db.QueuedEmails.AsNoTracking().SingleAsync(e => e.Id == row.Id);
            Assert.Equal(1, claimed.Attempts);
            Assert.Equal(now + MailDelivery.ClaimDuration, claimed.ClaimedUntilUtc);
            // Set aside for good, so that no loop sends it later in this class.
            await db.QueuedEmails.Where(e => e.Id == row.Id).ExecuteDeleteAsync();
        });
    }

    [Fact]
    public async Task Two_delivery_loops_on_one_database_send_each_email_once()
    {
        var to = TestAccounts.NewEmail();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var subjects = Enumerable.Range(1, 30).Select(i => $"Uji bersamaan {i:00}").ToList();
        await factory.WithDbAsync(db =>
        {
            // Due a minute from now, so that the app's own loop has not sent them when the two start.
            db.QueuedEmails.AddRange(subjects.Select(s => MailTestData.Row(to, s, now, dueIn: TimeSpan.FromMinutes(1))));
            return db.SaveChangesAsync();
        });
        factory.Clock.Advance(TimeSpan.FromMinutes(1));

        var one = factory.AnotherDeliveryLoop();
        var other = factory.AnotherDeliveryLoop();
        await Task.WhenAll(Task.Run(() => one.DeliverDueAsync(CancellationToken.None)), Task.Run(() => other.DeliverDueAsync(CancellationToken.None)));

        Assert.Equal(subjects, factory.Outbox.To(to).Select(m => m.Subject!).Order(StringComparer.Ordinal).ToList());
        Assert.Empty(await factory.QueuedToAsync(to));
    }
}

/// <summary>A poll so rare that only the wake-up after a commit can deliver within a test.</summary>
public class RarePollFactory : PortalFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Portal:Mail:PollIntervalSeconds"] = "3600" };
}

public class MailWakeUpTests(RarePollFactory factory) : IClassFixture<RarePollFactory>
{
    [Fact]
    public async Task An_email_is_delivered_as_soon_as_the_save_or_the_transaction_that_queued_it_commits()
    {
        var to = TestAccounts.NewEmail();
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var applicant = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id));

        await factory.QueueAsync(new OutgoingMail(to, "Uji: disimpan sendiri", "Isi."));
        factory.Outbox.Latest(to, "disimpan sendiri");
        // Applying queues its email inside the service's own transaction.
        await factory.SubmitApplicationAsync(applicant.Id, batch.Id);
        factory.Outbox.Latest(applicant.Email!, "Pendaftaran diterima");
    }
}
