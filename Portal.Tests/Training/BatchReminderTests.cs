using AngleSharp.Html.Dom;
using Portal.Shared;
using Portal.Training;

namespace Portal.Tests.Training;

/// <summary>"Ingatkan saya": subscribing, cancelling, and the one email when registration opens. The clock moves: every date here is taken from it.</summary>
public class BatchReminderTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string OpenedSubject = "Pendaftaran dibuka";

    [Fact]
    public async Task A_visitor_who_asks_to_be_reminded_signs_in_and_comes_back_to_the_batch()
    {
        var batch = await UpcomingBatchAsync();
        var remind = TrainingLinks.Remind(batch.Programme!.Slug, batch.Key);

        var programmePage = await factory.CreatePortalClient().GetPageAsync(TrainingLinks.Programme(batch.Programme.Slug));
        using var response = await factory.CreatePortalClient(followRedirects: false).GetAsync(new Uri(remind, UriKind.Relative));

        var card = programmePage.QuerySelector($"#{BatchView.AnchorOf(batch.Key)}")!;
        Assert.Equal(remind, card.QuerySelector("a.btn")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{AccountLinks.SignIn}?kembali={Uri.EscapeDataString(remind)}", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Asking_twice_keeps_one_reminder_and_cancelling_removes_it()
    {
        var batch = await UpcomingBatchAsync();
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var remind = TrainingLinks.Remind(batch.Programme!.Slug, batch.Key);

        var page = await client.GetPageAsync(remind);
        var form = page.MainForm();
        await client.ClickAsync(form, "Ingatkan saya");
        var subscribed = await Html.ParseAsync(await client.ClickAsync(form, "Ingatkan saya"));

        Assert.Equal(1, await RemindersAsync(batch, user.Id));
        Assert.StartsWith("Pengingat aktif", subscribed.Text("#status-pengingat"), StringComparison.Ordinal);
        Assert.Contains("Pengingat disimpan", subscribed.Text(".status-message"), StringComparison.Ordinal);

        var cancelled = await Html.ParseAsync(await client.ClickAsync(subscribed.MainForm(), "Batalkan pengingat"));

        Assert.Equal(0, await RemindersAsync(batch, user.Id));
        Assert.NotNull(cancelled.MainForm().Elements.OfType<IHtmlButtonElement>().SingleOrDefault(b => b.TextContent.Trim() == "Ingatkan saya"));
    }

    [Fact]
    public async Task When_registration_opens_each_subscriber_gets_one_email_even_when_the_job_runs_twice_and_none_before()
    {
        var batch = await UpcomingBatchAsync();
        var first = await SubscribedUserAsync(batch);
        var second = await SubscribedUserAsync(batch);
        var cancelled = await SubscribedUserAsync(batch);
        var cancelledClient = await factory.SignedInClientAsync(cancelled);
        var page = await cancelledClient.GetPageAsync(TrainingLinks.Remind(batch.Programme!.Slug, batch.Key));
        await cancelledClient.ClickAsync(page.MainForm(), "Batalkan pengingat");
        var sender = factory.Services.GetRequiredService<BatchReminderSender>();

        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));
        Assert.DoesNotContain(factory.Outbox.To(first.Email!), IsOpenedEmail);

        factory.Clock.Advance(TimeSpan.FromDays(3));
        var ids = await factory.WithDbAsync(db => db.BatchReminders.Where(r => r.BatchId == batch.Id).Select(r => r.Id).ToListAsync());
        await Task.WhenAll(Task.Run(() => sender.SendDueAsync(CancellationToken.None)), Task.Run(() => sender.SendDueAsync(CancellationToken.None)));
        // A second sender (another node, or a look that overlapped) that found the same reminders due a moment ago.
        foreach (var id in ids)
        {
            Assert.False(await sender.SendAsync(id, CancellationToken.None));
        }

        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));

        foreach (var user in new[] { first, second })
        {
            var email = Assert.Single(factory.Outbox.To(user.Email!), IsOpenedEmail);
            Assert.Contains("http://localhost" + TrainingLinks.Apply(batch.Programme.Slug, batch.Id), email.TextBody, StringComparison.Ordinal);
            Assert.Contains(Wib.LongDateTime(batch.LastRegistrationMinuteUtc), email.TextBody, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(factory.Outbox.To(cancelled.Email!), IsOpenedEmail);
        Assert.Equal(2, await factory.WithDbAsync(db => db.BatchReminders.CountAsync(r => r.BatchId == batch.Id && r.SentAtUtc != null)));
    }

    [Fact]
    public async Task A_batch_already_open_takes_no_reminder()
    {
        var now = Wib.ToWib(factory.Clock.GetUtcNow().UtcDateTime);
        var programme = TestData.Programme();
        var batch = TestData.Batch(programme, now.AddDays(-1), now.AddDays(10));
        await factory.AddAsync(batch);
        var user = await factory.CreateUserAsync();

        await using var scope = factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<BatchReminders>().SubscribeAsync(user.Id, batch, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(0, await RemindersAsync(batch, user.Id));
    }

    [Fact]
    public async Task A_reminder_is_in_the_personal_data_download_and_goes_with_the_account()
    {
        var batch = await UpcomingBatchAsync();
        var user = await factory.CreateJobSeekerAsync();
        var client = await factory.SignedInClientAsync(user.Email!);
        await client.ClickAsync((await client.GetPageAsync(TrainingLinks.Remind(batch.Programme!.Slug, batch.Key))).MainForm(), "Ingatkan saya");
        var page = await client.GetPageAsync(AccountLinks.PersonalData);

        using var download = await client.SubmitAsync(page.MainForm("#form-unduh"), new Dictionary<string, string> { ["downloadPassword"] = TestAccounts.Password });
        using var json = System.Text.Json.JsonDocument.Parse(await download.Content.ReadAsStringAsync());
        var reminder = Assert.Single(json.RootElement.GetProperty("pengingatPendaftaran").EnumerateArray());
        Assert.Equal(batch.Programme.Title, reminder.GetProperty("program").GetString());
        Assert.Equal(batch.Name, reminder.GetProperty("gelombang").GetString());

        using var deleted = await client.SubmitAsync(page.MainForm("#form-hapus"), new Dictionary<string, string> { ["deletePassword"] = TestAccounts.Password, ["confirmDelete"] = "true" });

        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == user.Id)));
        Assert.Equal(0, await RemindersAsync(batch, user.Id));
    }

    private async Task<Batch> UpcomingBatchAsync()
    {
        var now = Wib.ToWib(factory.Clock.GetUtcNow().UtcDateTime);
        var programme = TestData.Programme();
        var batch = TestData.Batch(programme, now.Date.AddDays(2).AddHours(8), now.Date.AddDays(20).AddHours(23).AddMinutes(59));
        await factory.AddAsync(batch);
        return batch;
    }

    private async Task<PortalUser> SubscribedUserAsync(Batch batch)
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var page = await client.GetPageAsync(TrainingLinks.Remind(batch.Programme!.Slug, batch.Key));
        using var response = await client.ClickAsync(page.MainForm(), "Ingatkan saya");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return user;
    }

    private static bool IsOpenedEmail(MimeKit.MimeMessage message) => (message.Subject ?? string.Empty).StartsWith(OpenedSubject, StringComparison.Ordinal);

    private Task<int> RemindersAsync(Batch batch, string userId) =>
        factory.WithDbAsync(db => db.BatchReminders.CountAsync(r => r.BatchId == batch.Id && r.UserId == userId));
}
