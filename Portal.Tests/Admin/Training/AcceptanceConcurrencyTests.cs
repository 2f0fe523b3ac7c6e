using AngleSharp.Html.Dom;
using Portal.Training;

namespace Portal.Tests.Admin.Training;

/// <summary>Seats hold when operators accept at the same moment, on the real SQLite file.</summary>
public class AcceptanceConcurrencyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const int Seats = 5;
    private const int Applicants = 20;

    [Fact]
    public async Task Two_operators_accepting_twenty_applicants_at_once_fill_exactly_the_five_seats()
    {
        var batch = await factory.AddBatchWithSeatsAsync(Seats);
        var applicants = await factory.AddVerifiedApplicantsAsync(batch.Id, Applicants);
        PortalUser[] operators = [await factory.CreateUserAsync(Roles.Operator), await factory.CreateUserAsync(Roles.Admin)];

        // Each acceptance has its own browser (cookie jar): the message after the redirect travels in a
        // TempData cookie, which one browser's simultaneous requests would share and mix up. The pages
        // are opened first, so that the acceptances themselves race.
        var posts = new List<(HttpClient Client, IHtmlFormElement Form)>();
        for (var i = 0; i < applicants.Count; i++)
        {
            var client = await factory.SignedInClientAsync(operators[i % 2]);
            var page = await client.GetPageAsync($"/admin/pelatihan/pendaftar/{applicants[i].Application.Id}");
            posts.Add((client, page.MainForm("form.applicant-status-form")));
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = posts.Select(async post =>
        {
            await start.Task;
            using var response = await post.Client.SubmitAsync(post.Form, new Dictionary<string, string> { ["Input.To"] = "Diterima" });
            var page = await Html.ParseAsync(response);
            return (response.StatusCode, Accepted: page.QuerySelector("[role=status]")?.TextContent ?? string.Empty, Refused: page.QuerySelector(".status-message[role=alert]")?.TextContent ?? string.Empty);
        }).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(running);
        posts.ForEach(post => post.Client.Dispose());

        Assert.All(outcomes, o => Assert.Equal(HttpStatusCode.OK, o.StatusCode));
        Assert.Equal(Seats, outcomes.Count(o => o.Accepted.Contains("diubah menjadi Diterima", StringComparison.Ordinal)));
        Assert.Equal(Applicants - Seats, outcomes.Count(o => o.Refused.Contains("kursi penuh", StringComparison.Ordinal)));
        var ids = applicants.Select(a => a.Application.Id).ToList();
        Assert.Equal(Seats, await factory.WithDbAsync(db => db.Applications.CountAsync(a => ids.Contains(a.Id) && a.Status == ApplicationStatus.Diterima)));
        Assert.Equal(Seats, await factory.WithDbAsync(db => db.ApplicationStatusChanges.CountAsync(c => ids.Contains(c.ApplicationId) && c.To == ApplicationStatus.Diterima)));
        Assert.Equal(Seats, await factory.AcceptedCountAsync(batch.Id));
    }
}
