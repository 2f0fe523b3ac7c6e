namespace Portal.Tests.Training;

/// <summary>The registration cap holds when many people press "Kirim pendaftaran" at once, on the real SQLite file.</summary>
public class ApplicationCapConcurrencyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const int Applicants = 100;
    private const int Cap = 20;

    [Fact]
    public async Task One_hundred_simultaneous_applications_to_a_batch_capped_at_20_store_exactly_20()
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch(cap: Cap));
        var path = TrainingLinks.Apply(batch.Programme!.Slug, batch.Id);

        // Everyone signs in and opens the form first, so that the submissions themselves race.
        var people = await Task.WhenAll(Enumerable.Range(0, Applicants).Select(async _ =>
        {
            var user = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id));
            var client = await factory.SignedInClientAsync(user.Email!);
            var form = (await client.GetPageAsync(path)).MainForm();
            return (client, form);
        }));

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var submissions = people.Select(async person =>
        {
            await start.Task;
            using var response = await person.client.SubmitAsync(person.form, new Dictionary<string, string> { ["Input.Consent"] = "true" });
            var page = await Html.ParseAsync(response);
            return (response.StatusCode, Path: response.RequestMessage!.RequestUri!.AbsolutePath, Refusal: page.QuerySelector("#tidak-dapat-mendaftar")?.TextContent ?? string.Empty);
        }).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(submissions);

        Assert.All(outcomes, o => Assert.Equal(HttpStatusCode.OK, o.StatusCode));
        Assert.Equal(Cap, outcomes.Count(o => o.Path == AccountLinks.Applications));
        Assert.Equal(Applicants - Cap, outcomes.Count(o => o.Refusal.Contains("kuota pendaftaran penuh", StringComparison.Ordinal)));
        Assert.Equal(Cap, await factory.WithDbAsync(db => db.Applications.CountAsync(a => a.BatchId == batch.Id)));
        Assert.Equal(Cap, await factory.ApplicationCountAsync(batch.Id));
        Assert.Equal(Cap, await factory.WithDbAsync(db => db.ApplicationStatusChanges.CountAsync(c => db.Applications.Any(a => a.Id == c.ApplicationId && a.BatchId == batch.Id))));

        foreach (var (client, _) in people)
        {
            client.Dispose();
        }
    }
}
