using Portal.Training;

namespace Portal.Tests.Accounts;

/// <summary>Nobody sees or changes another person's profile or application: every handler answers for its own user only.</summary>
public class AccessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Withdrawing_someone_elses_application_is_404_and_changes_nothing()
    {
        var (owner, application) = await ApplicantAsync();
        var intruder = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id));
        var client = await factory.SignedInClientAsync(intruder.Email!);

        foreach (var id in new[] { application.Id, 999_999, -1 })
        {
            using var response = await client.PostWithTokenAsync(AccountLinks.Applications, $"{AccountLinks.Applications}?handler=Withdraw&id={id}", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var stored = await factory.WithDbAsync(db => db.Applications.Include(a => a.History).SingleAsync(a => a.Id == application.Id));
        Assert.Equal(ApplicationStatus.Diajukan, stored.Status);
        Assert.Equal(owner.Id, stored.UserId);
        Assert.Single(stored.History);
        Assert.Equal(1, await factory.ApplicationCountAsync(stored.BatchId));
    }

    [Fact]
    public async Task A_decided_application_can_no_longer_be_withdrawn_by_its_owner()
    {
        var (owner, application) = await ApplicantAsync();
        await factory.WithDbAsync(async db =>
        {
            var stored = await db.Applications.SingleAsync(a => a.Id == application.Id);
            stored.ChangeStatus(ApplicationStatus.Diverifikasi, null, null, PortalFactory.DefaultNow.UtcDateTime);
            stored.ChangeStatus(ApplicationStatus.Diterima, null, "Lolos seleksi.", PortalFactory.DefaultNow.UtcDateTime);
            await db.SaveChangesAsync();
        });
        var client = await factory.SignedInClientAsync(owner.Email!);

        var page = await client.GetPageAsync(AccountLinks.Applications);
        Assert.Null(page.QuerySelector($"#lamaran-{application.Id} form"));
        Assert.Equal("Diterima", page.Text(".application-status"));
        Assert.Contains("Lolos seleksi.", page.Text(".status-history"), StringComparison.Ordinal);
        using var response = await client.PostWithTokenAsync(AccountLinks.Applications, $"{AccountLinks.Applications}?handler=Withdraw&id={application.Id}", new Dictionary<string, string>());

        Assert.Contains("tidak dapat dibatalkan", (await Html.ParseAsync(response)).Text(".status-message"), StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Diterima, await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == application.Id).Select(a => a.Status).SingleAsync()));
    }

    [Theory]
    [InlineData("/akun/profil")]
    [InlineData("/akun/profil/ubah")]
    [InlineData("/akun/lamaran")]
    [InlineData("/akun/data-pribadi")]
    public async Task Account_pages_show_only_the_signed_in_persons_data_whatever_the_address_says(string path)
    {
        var (owner, _) = await ApplicantAsync(fullName: "Rahasia Pemilik Lain");
        var ownersNik = await factory.WithDbAsync(db => db.JobSeekerProfiles.Where(p => p.UserId == owner.Id).Select(p => p.Nik).SingleAsync());
        var intruder = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id, fullName: "Pengguna Lain"));
        var client = await factory.SignedInClientAsync(intruder.Email!);

        var page = await client.GetPageAsync($"{path}?akun={owner.Id}&userId={owner.Id}&id=1");

        Assert.DoesNotContain("Rahasia Pemilik Lain", page.Source.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ownersNik, page.Source.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(NikRules.Mask(ownersNik), page.Source.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(owner.Email!, page.Source.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_a_profile_with_someone_elses_id_in_the_form_changes_only_ones_own()
    {
        var (owner, _) = await ApplicantAsync(fullName: "Nama Asli Pemilik");
        var intruder = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id, new DateOnly(1999, 9, 9)));
        var client = await factory.SignedInClientAsync(intruder.Email!);

        var form = (await client.GetPageAsync(AccountLinks.EditProfile)).MainForm();
        using var response = await client.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.FullName"] = "Diganti Penyusup",
            ["UserId"] = owner.Id,
            ["Input.UserId"] = owner.Id,
        });

        Assert.Equal(AccountLinks.Profile, response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("Nama Asli Pemilik", await factory.WithDbAsync(db => db.JobSeekerProfiles.Where(p => p.UserId == owner.Id).Select(p => p.FullName).SingleAsync()));
        Assert.Equal("Diganti Penyusup", await factory.WithDbAsync(db => db.JobSeekerProfiles.Where(p => p.UserId == intruder.Id).Select(p => p.FullName).SingleAsync()));
    }

    [Fact]
    public async Task The_data_download_and_deletion_act_on_the_signed_in_account_only()
    {
        var (owner, application) = await ApplicantAsync(fullName: "Pemilik Data");
        var intruder = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id, fullName: "Penyusup"));
        var client = await factory.SignedInClientAsync(intruder.Email!);

        using var download = await client.PostWithTokenAsync(AccountLinks.PersonalData, $"{AccountLinks.PersonalData}?handler=Download&userId={owner.Id}",
            new Dictionary<string, string> { ["downloadPassword"] = TestAccounts.Password, ["userId"] = owner.Id });
        var json = await download.Content.ReadAsStringAsync();
        Assert.Contains("Penyusup", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Pemilik Data", json, StringComparison.Ordinal);
        Assert.DoesNotContain(owner.Email!, json, StringComparison.Ordinal);

        using var deletion = await client.PostWithTokenAsync(AccountLinks.PersonalData, $"{AccountLinks.PersonalData}?handler=Delete&userId={owner.Id}",
            new Dictionary<string, string> { ["deletePassword"] = TestAccounts.Password, ["confirmDelete"] = "true", ["userId"] = owner.Id });
        Assert.Equal(AccountLinks.Deleted, deletion.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == intruder.Id)));
        Assert.True(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == owner.Id)));
        Assert.Equal(owner.Id, await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == application.Id).Select(a => a.UserId).SingleAsync()));
    }

    private async Task<(PortalUser Owner, Application Application)> ApplicantAsync(string fullName = "Siti Pemilik")
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var owner = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id, fullName: fullName));
        return (owner, await factory.SubmitApplicationAsync(owner.Id, batch.Id, "Motivasi pribadi pemilik."));
    }
}
