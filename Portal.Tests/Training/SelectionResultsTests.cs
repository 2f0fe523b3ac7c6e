using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portal.Admin;
using Portal.Shared;
using Portal.Tests.Admin.Training;
using Portal.Tests.Search;
using Portal.Training;
using static Portal.Tests.Admin.Training.ApplicantTestData;

namespace Portal.Tests.Training;

/// <summary>
/// An operator announces a batch's selection results: a public page of registration numbers and
/// outcomes (no names unless the office turns them on, never NIKs), an email to each applicant,
/// the page in the sitemap and in search. Refused while registration is open or a decision is missing.
/// </summary>
public class SelectionResultsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_operator_announces_the_results_and_the_public_page_lists_each_number_with_its_outcome_without_names_or_NIKs()
    {
        var (batch, applicants, withdrawn) = await ClosedBatchWithAWithdrawalAsync(accepted: 2, reserve: 1, rejected: 1);
        var operatorUser = await factory.CreateUserAsync(Roles.Operator);
        using var staff = await factory.SignedInClientAsync(operatorUser);

        var answer = await AnnounceAsync(staff, batch.Id);

        Assert.Equal("Hasil seleksi sudah diumumkan. Setiap pendaftar yang tercantum dikirimi email.", answer.Text(".status-message"));
        var page = await factory.CreatePortalClient().GetPageAsync(TrainingLinks.Results(batch.Programme!.Slug, batch.Key));
        var rows = page.QuerySelectorAll(".results-table tbody tr")
            .Select(tr => (Number: tr.Text(".registration-number"), Outcome: tr.Children[tr.Children.Length - 1].TextContent.Trim()))
            .ToList();
        var expected = applicants.Select((a, i) => (a.Application.RegistrationNumber!, i < 2 ? "Diterima" : i == 2 ? "Cadangan" : "Ditolak"));
        Assert.Equal(expected.Order(), rows.Order());
        Assert.DoesNotContain(withdrawn.Application.RegistrationNumber!, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(page.QuerySelectorAll("th"), th => th.TextContent.Trim() == "Nama");
        var html = page.DocumentElement.OuterHtml;
        foreach (var applicant in applicants)
        {
            Assert.DoesNotContain(applicant.Profile.FullName, html, StringComparison.Ordinal);
            Assert.DoesNotContain(applicant.Profile.Nik, html, StringComparison.Ordinal);
            Assert.DoesNotContain(applicant.Profile.MaskedNik, html, StringComparison.Ordinal);
        }

        var announcedAt = await factory.WithDbAsync(db => db.Batches.Where(b => b.Id == batch.Id).Select(b => b.ResultsPublishedAtUtc).SingleAsync());
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime, announcedAt);
        Assert.Contains(Wib.LongDateTime(announcedAt!.Value), page.Text("#tanggal-pengumuman"), StringComparison.Ordinal);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.ActorUserId == operatorUser.Id));
        Assert.Equal(AuditAction.SelectionResultsPublished, audit.Action);
    }

    [Fact]
    public async Task Each_listed_applicant_is_emailed_their_outcome_with_the_announcement_link_and_a_withdrawn_one_is_not()
    {
        var (batch, applicants, withdrawn) = await ClosedBatchWithAWithdrawalAsync(accepted: 1, reserve: 1, rejected: 1);
        using var staff = await factory.ClientInRoleAsync(Roles.Operator);

        await AnnounceAsync(staff, batch.Id);

        var resultsPath = TrainingLinks.Results(batch.Programme!.Slug, batch.Key);
        foreach (var (applicant, outcome) in applicants.Zip(["Diterima", "Cadangan", "Ditolak"]))
        {
            var email = factory.Outbox.Latest(applicant.User.Email!, "Hasil seleksi");
            Assert.Equal($"Hasil seleksi: {outcome} — {batch.Programme.Title}", email.Subject);
            Assert.Contains($"Nomor pendaftaran: {applicant.Application.RegistrationNumber}", email.TextBody, StringComparison.Ordinal);
            Assert.Contains($"Hasil: {outcome}", email.TextBody, StringComparison.Ordinal);
            Assert.Equal(resultsPath, OutboxReader.LinkTo(email, resultsPath));
        }

        Assert.DoesNotContain(factory.Outbox.To(withdrawn.User.Email!), m => m.Subject!.StartsWith("Hasil seleksi", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Results_are_not_announced_while_an_application_awaits_a_decision_and_the_operator_is_told_why()
    {
        var (batch, applicants) = await factory.DecidedBatchAsync(accepted: 1, reserve: 0, rejected: 0);
        await factory.AddApplicantAsync(batch.Id);
        await factory.CloseRegistrationAsync(batch.Id);
        using var staff = await factory.ClientInRoleAsync(Roles.Operator);

        var answer = await AnnounceAsync(staff, batch.Id);

        Assert.Equal(
            "Hasil seleksi belum dapat diumumkan: masih ada 1 lamaran berstatus Diajukan atau Diverifikasi. Putuskan dulu setiap lamaran (Diterima, Cadangan atau Ditolak).",
            answer.Text(".status-message"));
        Assert.Null(await factory.WithDbAsync(db => db.Batches.Where(b => b.Id == batch.Id).Select(b => b.ResultsPublishedAtUtc).SingleAsync()));
        Assert.DoesNotContain(factory.Outbox.To(applicants[0].User.Email!), m => m.Subject!.StartsWith("Hasil seleksi", StringComparison.Ordinal));
        var page = await factory.CreatePortalClient().GetPageAsync(TrainingLinks.Results(batch.Programme!.Slug, batch.Key));
        Assert.DoesNotContain(applicants[0].Application.RegistrationNumber!, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_are_not_announced_while_registration_is_open()
    {
        var (batch, _) = await factory.DecidedBatchAsync(accepted: 1, reserve: 0, rejected: 0);
        using var staff = await factory.ClientInRoleAsync(Roles.Operator);

        var answer = await AnnounceAsync(staff, batch.Id);

        Assert.StartsWith("Hasil seleksi belum dapat diumumkan: pendaftaran gelombang ini baru ditutup", answer.Text(".status-message"), StringComparison.Ordinal);
        Assert.Null(await factory.WithDbAsync(db => db.Batches.Where(b => b.Id == batch.Id).Select(b => b.ResultsPublishedAtUtc).SingleAsync()));
    }

    [Fact]
    public async Task Results_are_announced_once_and_a_second_press_sends_no_second_email()
    {
        var (batch, applicants) = await factory.DecidedBatchAsync(accepted: 1, reserve: 0, rejected: 0);
        await factory.CloseRegistrationAsync(batch.Id);
        using var staff = await factory.ClientInRoleAsync(Roles.Operator);
        await AnnounceAsync(staff, batch.Id);
        var announcePage = $"/admin/pelatihan/gelombang/{batch.Id}/hasil";

        using var again = await staff.PostWithTokenAsync(announcePage, announcePage, new Dictionary<string, string>());
        var answer = await Html.ParseAsync(again);

        Assert.StartsWith("Hasil seleksi gelombang ini sudah diumumkan pada", answer.Text(".status-message"), StringComparison.Ordinal);
        Assert.Single(factory.Outbox.To(applicants[0].User.Email!), m => m.Subject!.StartsWith("Hasil seleksi", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Before_the_announcement_the_results_page_says_so_and_is_not_indexed_and_a_wrong_address_is_404()
    {
        var (batch, _) = await factory.DecidedBatchAsync(accepted: 1, reserve: 0, rejected: 0);
        var visitor = factory.CreatePortalClient();
        var other = await factory.AddBatchAsync(TestApplications.OpenBatch());

        var page = await visitor.GetPageAsync(TrainingLinks.Results(batch.Programme!.Slug, batch.Key));
        var unknown = await visitor.GetPageAsync(TrainingLinks.Results(batch.Programme.Slug, "tidak-ada"), HttpStatusCode.NotFound);
        await visitor.GetPageAsync(TrainingLinks.Results(other.Programme!.Slug, batch.Key), HttpStatusCode.NotFound);

        Assert.StartsWith("Hasil seleksi gelombang ini belum diumumkan.", page.Text("#belum-diumumkan"), StringComparison.Ordinal);
        Assert.Equal("noindex", page.Meta("robots"));
        Assert.Empty(page.QuerySelectorAll(".results-table"));
        Assert.Equal("Halaman tidak ditemukan", unknown.Text("h1"));
    }

    [Fact]
    public async Task Announced_results_are_in_the_sitemap_in_search_and_linked_from_the_programme_page()
    {
        var word = $"kopi{Guid.NewGuid().ToString("N")[..8]}";
        var programme = TestData.Programme($"Pelatihan {word}");
        var batch = await factory.AddBatchAsync(TestData.Batch(programme, new DateTime(2025, 11, 20, 8, 0, 0), new DateTime(2025, 12, 1, 0, 0, 0), minEducation: null));
        var verified = await factory.AddVerifiedApplicantsAsync(batch.Id, 1);
        await factory.ChangeStatusAsync(batch.Id, [verified[0].Application.Id], ApplicationStatus.Diterima);
        await factory.CloseRegistrationAsync(batch.Id);
        using var staff = await factory.ClientInRoleAsync(Roles.Operator);
        var visitor = factory.CreatePortalClient();
        var resultsPath = TrainingLinks.Results(programme.Slug, batch.Key);
        var programmePage = await visitor.GetPageAsync(TrainingLinks.Programme(programme.Slug));
        Assert.Empty(programmePage.QuerySelectorAll("a.results-link"));

        await AnnounceAsync(staff, batch.Id);
        await factory.SearchCaughtUpAsync();

        var sitemap = await visitor.GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative));
        Assert.Contains($"<loc>{factory.PublicBaseUrl}{resultsPath}</loc>", sitemap, StringComparison.Ordinal);
        var hit = factory.Search($"hasil seleksi {word}").Hits[0];
        Assert.Equal(resultsPath, hit.Url);
        Assert.StartsWith("Hasil seleksi", Regex.Replace(hit.TitleHtml, "<[^>]+>", string.Empty), StringComparison.Ordinal);
        programmePage = await visitor.GetPageAsync(TrainingLinks.Programme(programme.Slug));
        Assert.Equal(resultsPath, programmePage.QuerySelector("a.results-link")!.GetAttribute("href"));
    }

    private static async Task<IHtmlDocument> AnnounceAsync(HttpClient staff, int batchId)
    {
        var batchPage = await staff.GetPageAsync($"/admin/pelatihan/gelombang/{batchId}");
        var form = batchPage.QuerySelector<IHtmlFormElement>("form.announce-results")!;
        return await Html.ParseAsync(await staff.SubmitAsync(form));
    }

    /// <summary>A decided batch whose registration has closed, with one more applicant who withdrew.</summary>
    private async Task<(Batch Batch, List<Applicant> Applicants, Applicant Withdrawn)> ClosedBatchWithAWithdrawalAsync(int accepted, int reserve, int rejected)
    {
        var (batch, applicants) = await factory.DecidedBatchAsync(accepted, reserve, rejected);
        var withdrawn = await factory.AddApplicantAsync(batch.Id);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<ApplicationService>().WithdrawAsync(withdrawn.User.Id, withdrawn.Application.Id, CancellationToken.None);
            Assert.True(result!.Succeeded);
        }

        await factory.CloseRegistrationAsync(batch.Id);
        return (batch, applicants, withdrawn);
    }
}

/// <summary>The office has turned names on (Portal:Training:ShowNamesInResults).</summary>
public sealed class NamesShownPortalFactory : PortalFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { [$"{TrainingOptions.Section}:{nameof(TrainingOptions.ShowNamesInResults)}"] = "true" };
}

public class SelectionResultsWithNamesTests(NamesShownPortalFactory factory) : IClassFixture<NamesShownPortalFactory>
{
    [Fact]
    public async Task When_the_office_turns_names_on_the_results_page_shows_each_name_beside_its_number_and_still_no_NIK()
    {
        var (batch, applicants) = await factory.DecidedBatchAsync(accepted: 1, reserve: 1, rejected: 0);
        await factory.CloseRegistrationAsync(batch.Id);
        using var staff = await factory.ClientInRoleAsync(Roles.Operator);
        var form = (await staff.GetPageAsync($"/admin/pelatihan/gelombang/{batch.Id}")).QuerySelector<IHtmlFormElement>("form.announce-results")!;
        await staff.SubmitAsync(form);

        var page = await factory.CreatePortalClient().GetPageAsync(TrainingLinks.Results(batch.Programme!.Slug, batch.Key));

        var rows = page.QuerySelectorAll(".results-table tbody tr").Select(tr => (tr.Children[0].TextContent.Trim(), tr.Children[1].TextContent.Trim())).ToList();
        Assert.Equal(applicants.Select(a => (a.Application.RegistrationNumber!, a.Profile.FullName)).Order(), rows.Order());
        Assert.All(applicants, a => Assert.DoesNotContain(a.Profile.Nik, page.DocumentElement.OuterHtml, StringComparison.Ordinal));
    }
}

/// <summary>Batches whose applicants are decided, for the results tests.</summary>
public static class DecidedBatches
{
    /// <summary>An open batch whose applicants are decided in this order: accepted, then reserve, then rejected.</summary>
    public static async Task<(Batch Batch, List<Applicant> Applicants)> DecidedBatchAsync(this PortalFactory factory, int accepted, int reserve, int rejected)
    {
        var batch = await factory.AddBatchWithSeatsAsync(seats: 10);
        var applicants = await factory.AddVerifiedApplicantsAsync(batch.Id, accepted + reserve + rejected);
        await factory.ChangeStatusAsync(batch.Id, applicants.Take(accepted).Select(a => a.Application.Id), ApplicationStatus.Diterima);
        await factory.ChangeStatusAsync(batch.Id, applicants.Skip(accepted).Take(reserve).Select(a => a.Application.Id), ApplicationStatus.Cadangan);
        await factory.ChangeStatusAsync(batch.Id, applicants.Skip(accepted + reserve).Select(a => a.Application.Id), ApplicationStatus.Ditolak);
        return (batch, applicants);
    }

    /// <summary>Moves the batch's registration window into the past, as the days passing would (saved through the tracked batch, as an edit is).</summary>
    public static Task CloseRegistrationAsync(this PortalFactory factory, int batchId) => factory.WithDbAsync(async db =>
    {
        var batch = await db.Batches.SingleAsync(b => b.Id == batchId);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        batch.RegistrationOpensAtUtc = now.AddDays(-20);
        batch.RegistrationClosesAtUtc = now.AddDays(-1);
        await db.SaveChangesAsync();
    });
}
