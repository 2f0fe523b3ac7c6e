using Portal.Admin;
using Portal.Admin.Training;

namespace Portal.Tests.Accounts;

/// <summary>A NIK already on another account: not revealed to the typist, held for an operator.</summary>
public class NikReviewTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly DateOnly Born = new(1998, 2, 3);

    [Fact]
    public async Task Someone_elses_NIK_gets_the_same_answer_as_a_fresh_one_and_the_profile_is_held_for_the_operators()
    {
        var owner = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id, Born, fullName: "Pemilik Asli NIK"));
        var ownersNik = await factory.WithDbAsync(db => db.JobSeekerProfiles.Where(p => p.UserId == owner.Id).Select(p => p.Nik).SingleAsync());
        var honest = await factory.CreateJobSeekerAsync();
        var typist = await factory.CreateJobSeekerAsync();

        var freshAnswer = await SaveProfileAsync(honest.Email!, TestData.Nik(Born, Gender.Male), "Warga Jujur");
        var takenAnswer = await SaveProfileAsync(typist.Email!, ownersNik, "Pengetik NIK Orang");

        Assert.Equal(freshAnswer, takenAnswer);
        Assert.Equal((AccountLinks.Profile, "Profil Anda sudah disimpan."), takenAnswer);
        var held = await factory.WithDbAsync(db => db.JobSeekerProfiles.AsNoTracking().SingleAsync(p => p.UserId == typist.Id));
        Assert.True(held.NikNeedsReview);
        Assert.Equal(ProfileService.NikHeldElsewhereReason, held.NikReviewReason);
        Assert.False(await factory.WithDbAsync(db => db.JobSeekerProfiles.Where(p => p.UserId == honest.Id).Select(p => p.NikNeedsReview).SingleAsync()));
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditAction.NikReviewRequested && e.ActorUserId == typist.Id));
        Assert.Contains(owner.Id, audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(ownersNik, audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("Pemilik Asli NIK", audit.Details + audit.Target, StringComparison.Ordinal);
        Assert.DoesNotContain("Pengetik NIK Orang", audit.Details + audit.Target, StringComparison.Ordinal);
        Assert.DoesNotContain(typist.Email!, audit.ActorName + audit.Details, StringComparison.OrdinalIgnoreCase);

        // The held profile may apply like any other; the operators see the hold and the other profile.
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var application = await factory.SubmitApplicationAsync(typist.Id, batch.Id);
        var operatorClient = await factory.ClientInRoleAsync(Roles.Operator);
        var applicantPath = $"/admin/pelatihan/pendaftar/{application.Id}";
        var applicantPage = await operatorClient.GetPageAsync(applicantPath);
        Assert.Contains("NIK perlu diperiksa", applicantPage.Text("#nik-perlu-diperiksa"), StringComparison.Ordinal);
        Assert.Contains("Pemilik Asli NIK", applicantPage.Text("#nik-perlu-diperiksa"), StringComparison.Ordinal);

        var dashboard = await operatorClient.GetPageAsync("/admin");
        var entry = dashboard.QuerySelectorAll(".nik-review-list a").Single(a => a.TextContent.Trim() == "Pengetik NIK Orang");
        Assert.Equal(applicantPath, entry.GetAttribute("href"));

        // Not verified while held: the operator checks the KTP first, then marks the NIK checked.
        using (var refused = await operatorClient.SubmitAsync(applicantPage.MainForm("form.applicant-status-form"), new Dictionary<string, string> { ["Input.To"] = "Diverifikasi" }))
        {
            Assert.Contains(ApplicantDesk.NikReviewFirstMessage, (await Html.ParseAsync(refused)).Text(".status-message[role=alert]"), StringComparison.Ordinal);
        }

        using (var cleared = await operatorClient.SubmitAsync(applicantPage.MainForm("form[action*='handler=NikChecked']")))
        {
            var page = await Html.ParseAsync(cleared);
            Assert.Null(page.QuerySelector("#nik-perlu-diperiksa"));
            Assert.Contains("Pemilik Asli NIK", page.Text("#nik-sama"), StringComparison.Ordinal);
        }

        Assert.False(await factory.WithDbAsync(db => db.JobSeekerProfiles.Where(p => p.UserId == typist.Id).Select(p => p.NikNeedsReview).SingleAsync()));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.NikReviewCleared && e.Target.Contains(typist.Id))));
        Assert.DoesNotContain("Pengetik NIK Orang", (await operatorClient.GetPageAsync("/admin")).Text("#nik-perlu-diperiksa"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fourth_NIK_in_one_day_is_refused_beside_the_field()
    {
        var user = await factory.CreateJobSeekerAsync();
        var client = await factory.SignedInClientAsync(user.Email!);
        var niks = Enumerable.Range(0, 4).Select(_ => TestData.Nik(Born, Gender.Male)).ToList();

        foreach (var nik in niks.Take(3))
        {
            using var saved = await client.SubmitAsync((await client.GetPageAsync(AccountLinks.EditProfile)).MainForm(), Profile(nik, "Budi Santoso"));
            Assert.Equal(AccountLinks.Profile, saved.RequestMessage!.RequestUri!.AbsolutePath);
        }

        using (var refused = await client.SubmitAsync((await client.GetPageAsync(AccountLinks.EditProfile)).MainForm(), Profile(niks[3], "Budi Santoso")))
        {
            Assert.Equal(ProfileService.NikChangeLimitMessage(3), (await Html.ParseAsync(refused)).FieldError("Input.Nik"));
        }

        Assert.Equal(niks[2], await factory.WithDbAsync(db => db.JobSeekerProfiles.Where(p => p.UserId == user.Id).Select(p => p.Nik).SingleAsync()));

        // The rest of the profile can still be saved with the NIK it has.
        using var other = await client.SubmitAsync((await client.GetPageAsync(AccountLinks.EditProfile)).MainForm(), Profile(niks[2], "Budi Santoso Putra"));
        Assert.Equal(AccountLinks.Profile, other.RequestMessage!.RequestUri!.AbsolutePath);
    }

    /// <summary>Where the browser ends up and the message it shows.</summary>
    private async Task<(string Path, string Message)> SaveProfileAsync(string email, string nik, string fullName)
    {
        var client = await factory.SignedInClientAsync(email);
        var form = (await client.GetPageAsync(AccountLinks.EditProfile)).MainForm();
        using var response = await client.SubmitAsync(form, Profile(nik, fullName));
        var page = await Html.ParseAsync(response);
        return (response.RequestMessage!.RequestUri!.AbsolutePath, page.Text(".status-message"));
    }

    private static Dictionary<string, string> Profile(string nik, string fullName)
    {
        var values = ProfileTests.ValidProfile(nik, Born.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        values["Input.FullName"] = fullName;
        return values;
    }
}
