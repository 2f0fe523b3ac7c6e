using Portal.Shared;

namespace Portal.Tests.Training;

/// <summary>
/// A window closing at 23:59 WIB is 16:59 UTC: whatever the server's zone (CI runs in UTC), the
/// portal compares in WIB, because Wib uses a fixed +07:00 offset and never the local zone.
/// Its own class: the test moves the factory's clock.
/// </summary>
public class ApplyWindowInWibTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Registration_closing_at_23_59_WIB_accepts_at_23_58_and_refuses_at_midnight()
    {
        // Closes on 30 November 2025 at 23:59 WIB: the last minute one may apply; midnight is closed.
        var batch = await factory.AddBatchAsync(TestData.Batch(TestData.Programme(), new DateTime(2025, 11, 20, 8, 0, 0), new DateTime(2025, 11, 30, 23, 59, 0)));
        var early = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id));
        var late = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id));
        var earlyClient = await factory.SignedInClientAsync(early.Email!);
        var lateClient = await factory.SignedInClientAsync(late.Email!);
        var path = TrainingLinks.Apply(batch.Programme!.Slug, batch.Id);

        factory.Clock.SetUtcNow(new DateTimeOffset(2025, 11, 30, 23, 58, 0, Wib.Offset));
        var page = await earlyClient.GetPageAsync(path);
        Assert.Equal("Hari terakhir pendaftaran", page.Text(".days-left"));
        using (var accepted = await earlyClient.SubmitAsync(page.MainForm(), new Dictionary<string, string> { ["Input.Consent"] = "true" }))
        {
            Assert.Equal(AccountLinks.Applications, accepted.RequestMessage!.RequestUri!.AbsolutePath);
        }

        var lateForm = (await lateClient.GetPageAsync(path)).MainForm();
        factory.Clock.SetUtcNow(new DateTimeOffset(2025, 12, 1, 0, 0, 0, Wib.Offset));
        using (var refused = await lateClient.SubmitAsync(lateForm, new Dictionary<string, string> { ["Input.Consent"] = "true" }))
        {
            var refusedPage = await Html.ParseAsync(refused);
            Assert.Contains("sudah ditutup pada Minggu, 30 November 2025 pukul 23.59 WIB", refusedPage.Text("#tidak-dapat-mendaftar"), StringComparison.Ordinal);
        }

        var applicants = await factory.WithDbAsync(db => db.Applications.Where(a => a.BatchId == batch.Id).Select(a => a.UserId).ToListAsync());
        Assert.Equal([early.Id], applicants);
        var stored = await factory.WithDbAsync(db => db.Applications.SingleAsync(a => a.BatchId == batch.Id));
        Assert.Equal(new DateTime(2025, 11, 30, 16, 58, 0, DateTimeKind.Utc), stored.CreatedAtUtc);
    }
}
