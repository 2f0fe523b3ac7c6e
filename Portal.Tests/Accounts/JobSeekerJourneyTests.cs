using Portal.Training;

namespace Portal.Tests.Accounts;

public class JobSeekerJourneyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_job_seeker_registers_confirms_fills_the_profile_applies_and_withdraws()
    {
        var batch = await AddOpenBatchAsync();
        var email = TestAccounts.NewEmail();
        var client = factory.CreatePortalClient();

        // Register.
        using (var registered = await client.RegisterAsync(email))
        {
            var page = await Html.ParseAsync(registered);
            Assert.Contains(email, page.Text("#pesan-terkirim"), StringComparison.Ordinal);
        }

        // Not confirmed yet: signing in sends the link again instead of signing in.
        using (var early = await client.SignInAsync(email))
        {
            var page = await Html.ParseAsync(early);
            Assert.Contains("belum dikonfirmasi", page.SummaryErrors(), StringComparison.Ordinal);
        }

        // Confirm with the link from the outbox, as the person would.
        var confirmation = factory.Outbox.Latest(email, "Konfirmasi");
        var confirmed = await client.GetPageAsync(OutboxReader.LinkTo(confirmation, AccountLinks.ConfirmEmail));
        Assert.Contains("sudah dikonfirmasi", confirmed.Text("main"), StringComparison.Ordinal);

        // Sign in, then the apply link sends us to fill the profile first.
        using (var signedIn = await client.SignInAsync(email))
        {
            Assert.Equal(AccountLinks.Profile, signedIn.RequestMessage!.RequestUri!.AbsolutePath);
        }

        var applyPath = TrainingLinks.Apply(batch.Programme!.Slug, batch.Id);
        var apply = await client.GetPageAsync(applyPath);
        Assert.Contains("Lengkapi profil", apply.Text("#tidak-dapat-mendaftar"), StringComparison.Ordinal);
        var profileLink = apply.QuerySelector("main a[href^='/akun/profil/ubah']")!.GetAttribute("href")!;

        // The profile: a wrong NIK first (its date of birth is not the one entered).
        var edit = await client.GetPageAsync(profileLink);
        var profile = new Dictionary<string, string>
        {
            ["Input.FullName"] = "Dewi Lestari",
            ["Input.Nik"] = "3673015505010007",
            ["Input.DateOfBirth"] = "2001-05-16",
            ["Input.Gender"] = "Female",
            ["Input.Phone"] = "0812 3456 7890",
            ["Input.Address"] = "Jl. Maulana Yusuf No. 5",
            ["Input.Kecamatan"] = "CipocokJaya",
            ["Input.Education"] = "SmaSmk",
            ["Input.EmploymentStatus"] = "Unemployed",
        };
        using (var wrong = await client.SubmitAsync(edit.MainForm(), profile))
        {
            var page = await Html.ParseAsync(wrong);
            Assert.Contains("tidak sesuai dengan tanggal lahir", page.FieldError("Input.Nik"), StringComparison.Ordinal);
            Assert.Equal(0, await factory.WithDbAsync(db => db.JobSeekerProfiles.CountAsync(p => p.FullName == "Dewi Lestari")));
            profile["Input.DateOfBirth"] = "2001-05-15";
            using var saved = await client.SubmitAsync(page.MainForm(), profile);
            Assert.Equal(applyPath, saved.RequestMessage!.RequestUri!.AbsolutePath);
        }

        // Apply: consent, motivation; the result is an application in status Diajukan.
        apply = await client.GetPageAsync(applyPath);
        Assert.Contains("3673••••••••0007", apply.Text("main"), StringComparison.Ordinal);
        Assert.DoesNotContain("3673015505010007", apply.Source.Text, StringComparison.Ordinal);
        Assert.Contains(ApplicationConsent.Version, apply.Text(".consent-text"), StringComparison.Ordinal);
        Assert.Null(apply.QuerySelector("input[name='Input.GuardianConsent']"));
        using (var submitted = await client.SubmitAsync(apply.MainForm(), new Dictionary<string, string>
        {
            ["Input.Motivation"] = "Saya ingin membuka usaha kopi.",
            ["Input.Consent"] = "true",
        }))
        {
            Assert.Equal(AccountLinks.Applications, submitted.RequestMessage!.RequestUri!.AbsolutePath);
            var page = await Html.ParseAsync(submitted);
            Assert.Contains("sudah terkirim", page.Text(".status-message"), StringComparison.Ordinal);
            Assert.Equal("Diajukan", page.Text(".application-status"));
            Assert.Contains("pukul 10.00 WIB", page.Text(".status-history"), StringComparison.Ordinal);
        }

        var stored = await factory.WithDbAsync(db => db.Applications.Include(a => a.History).SingleAsync(a => a.BatchId == batch.Id));
        Assert.Equal(ApplicationStatus.Diajukan, stored.Status);
        Assert.Equal(ApplicationConsent.Version, stored.ConsentTextVersion);
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime, stored.ConsentedAtUtc);
        Assert.Equal(Kecamatan.CipocokJaya, stored.Kecamatan);
        Assert.Equal(Gender.Female, stored.Gender);
        Assert.Equal("Saya ingin membuka usaha kopi.", stored.Motivation);
        Assert.Single(stored.History);
        Assert.Equal(1, await CountAsync(batch.Id));
        var submittedMail = factory.Outbox.Latest(email, "Pendaftaran diterima");
        Assert.Contains("Dewi Lestari", submittedMail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Diajukan", submittedMail.TextBody, StringComparison.Ordinal);

        // Withdraw before a decision: Dibatalkan, and the registration place is given back.
        var applications = await client.GetPageAsync(AccountLinks.Applications);
        using (var withdrawn = await client.SubmitAsync(applications.MainForm($"#lamaran-{stored.Id} form")))
        {
            var page = await Html.ParseAsync(withdrawn);
            Assert.Contains("sudah dibatalkan", page.Text(".status-message"), StringComparison.Ordinal);
            Assert.Equal("Dibatalkan", page.Text(".application-status"));
            Assert.Null(page.QuerySelector($"#lamaran-{stored.Id} form"));
        }

        Assert.Equal(ApplicationStatus.Dibatalkan, await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == stored.Id).Select(a => a.Status).SingleAsync()));
        Assert.Equal(0, await CountAsync(batch.Id));

        // The keys behind the cookie and the links are stored (data folder or shared database), so they survive a restart.
        Assert.NotEmpty(await StoredKeys.ReadAsync(factory));
    }

    [Fact]
    public async Task Signing_out_is_a_form_post_and_ends_the_session()
    {
        var user = await factory.CreateJobSeekerAsync();
        var client = await factory.SignedInClientAsync(user.Email!);

        var home = await client.GetPageAsync("/");
        var signOut = home.QuerySelector("header form[action='/akun/keluar']") as AngleSharp.Html.Dom.IHtmlFormElement;
        Assert.NotNull(signOut);
        Assert.NotNull(signOut.QuerySelector("input[name='__RequestVerificationToken']"));

        using (var withoutToken = await client.PostAsync(new Uri(AccountLinks.SignOut, UriKind.Relative), new FormUrlEncodedContent([])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        }

        await client.GetPageAsync(AccountLinks.Profile);
        using (var signedOut = await client.SubmitAsync(signOut))
        {
            var page = await Html.ParseAsync(signedOut);
            Assert.Contains("telah keluar", page.Text(".status-message"), StringComparison.Ordinal);
            Assert.NotNull(page.QuerySelector("header a[href='/akun/masuk']"));
        }

        using var profile = await client.GetAsync(new Uri(AccountLinks.Profile, UriKind.Relative));
        Assert.Equal(AccountLinks.SignIn, profile.RequestMessage!.RequestUri!.AbsolutePath);
    }

    private async Task<Batch> AddOpenBatchAsync()
    {
        var batch = TestData.Batch(TestData.Programme(), opensWib: new DateTime(2025, 11, 20, 8, 0, 0), closesWib: new DateTime(2025, 12, 1, 0, 0, 0));
        await factory.WithDbAsync(async db =>
        {
            db.Batches.Add(batch);
            await db.SaveChangesAsync();
        });
        return batch;
    }

    private Task<int> CountAsync(int batchId) =>
        factory.WithDbAsync(db => db.Batches.Where(b => b.Id == batchId).Select(b => b.ApplicationCount).SingleAsync());
}
