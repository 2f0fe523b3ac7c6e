using AngleSharp.Html.Dom;
using Portal.Data;
using Portal.Training;

namespace Portal.Tests.Training;

public class ApplyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly Dictionary<string, string> Consented = new() { ["Input.Consent"] = "true" };

    [Fact]
    public async Task Apply_is_refused_before_registration_opens()
    {
        var batch = await factory.AddBatchAsync(TestData.Batch(TestData.Programme(), new DateTime(2025, 12, 1, 8, 0, 0), new DateTime(2025, 12, 10, 0, 0, 0)));

        var message = await RefusalAsync(await JobSeekerAsync(), batch);

        Assert.Contains("belum dibuka. Pendaftaran dibuka Senin, 1 Desember 2025 pukul 08.00 WIB", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_is_refused_after_registration_closes()
    {
        var batch = await factory.AddBatchAsync(TestData.Batch(TestData.Programme(), new DateTime(2025, 11, 1, 8, 0, 0), new DateTime(2025, 11, 24, 23, 59, 0)));

        var message = await RefusalAsync(await JobSeekerAsync(), batch);

        Assert.Contains("sudah ditutup pada Senin, 24 November 2025 pukul 23.59 WIB", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_applies_only_once_to_a_batch()
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var user = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id));
        await factory.SubmitApplicationAsync(user.Id, batch.Id);

        var message = await RefusalAsync(user, batch);

        Assert.Contains("Anda sudah mendaftar pada gelombang ini", message, StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Applications.CountAsync(a => a.BatchId == batch.Id)));
    }

    [Theory]
    [InlineData(2009, 1, 1, "adalah 16 tahun, sedangkan gelombang ini untuk usia 18–34 tahun")]
    [InlineData(1990, 1, 1, "adalah 35 tahun")]
    [InlineData(1990, 12, 7, "adalah 35 tahun")] // 35 on the first training day (8 Dec), 36 the day after
    public async Task Age_on_the_first_training_day_must_be_within_the_batchs_range(int year, int month, int day, string expected)
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch(minAge: 18, maxAge: 34));
        var user = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id, new DateOnly(year, month, day)));

        var message = await RefusalAsync(user, batch);

        Assert.Contains("Usia Anda pada hari pertama pelatihan (Senin, 8 Desember 2025)", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_who_turns_18_before_the_first_training_day_may_apply()
    {
        // 17 on the day of applying: the guardian's consent is asked too.
        var (client, batch, page) = await ApplyPageAsync(minAge: 18, new DateOnly(2007, 12, 8));
        Assert.NotNull(page.QuerySelector("input[name='Input.GuardianConsent']"));
        using var response = await client.SubmitAsync(page.MainForm(), new Dictionary<string, string> { ["Input.Consent"] = "true", ["Input.GuardianConsent"] = "true" });

        Assert.Equal(AccountLinks.Applications, response.RequestMessage!.RequestUri!.AbsolutePath);
        var stored = await factory.WithDbAsync(db => db.Applications.SingleAsync(a => a.BatchId == batch.Id));
        Assert.True(stored.GuardianConsent);
        Assert.Equal(18, stored.AgeAtStart);
    }

    [Fact]
    public async Task Education_below_the_batchs_minimum_is_refused()
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch(minEducation: EducationLevel.SmaSmk));
        var user = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id, education: EducationLevel.Smp));

        var message = await RefusalAsync(user, batch);

        Assert.Contains("pendidikan terakhir minimal SMA/SMK; pendidikan terakhir Anda SMP", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_APBD_batch_is_only_for_residents_of_Kota_Serang()
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch(funding: FundingSource.Apbd));
        var outsider = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id, kecamatan: Kecamatan.LuarKotaSerang));
        var resident = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id, kecamatan: Kecamatan.Kasemen));

        var message = await RefusalAsync(outsider, batch);
        await factory.SubmitApplicationAsync(resident.Id, batch.Id);

        Assert.Contains("khusus untuk warga yang berdomisili di Kota Serang", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_registration_cap_is_refused()
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch(cap: 1));
        var first = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id));
        await factory.SubmitApplicationAsync(first.Id, batch.Id);

        var message = await RefusalAsync(await JobSeekerAsync(), batch);

        Assert.Contains("kuota pendaftaran penuh", message, StringComparison.Ordinal);
        Assert.Equal(1, await factory.ApplicationCountAsync(batch.Id));
    }

    [Fact]
    public async Task Without_a_profile_the_page_asks_to_complete_it_first()
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var user = await factory.CreateJobSeekerAsync();

        var message = await RefusalAsync(user, batch);

        Assert.Contains("Lengkapi profil Anda terlebih dahulu", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consent_to_the_processing_of_personal_data_is_required()
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var client = await factory.SignedInClientAsync((await JobSeekerAsync()).Email!);

        var page = await client.GetPageAsync(ApplyPath(batch));
        Assert.Contains("Berapa lama data disimpan", page.Text(".consent-text"), StringComparison.Ordinal);
        Assert.Contains("Hak Anda", page.Text(".consent-text"), StringComparison.Ordinal);
        using var response = await client.SubmitAsync(page.MainForm());

        Assert.Equal("Anda perlu menyetujui pemrosesan data pribadi untuk dapat mendaftar.", (await Html.ParseAsync(response)).FieldError("Input.Consent"));
        Assert.False(await factory.WithDbAsync(db => db.Applications.AnyAsync(a => a.BatchId == batch.Id)));
    }

    [Fact]
    public async Task An_applicant_under_18_needs_a_parents_or_guardians_consent()
    {
        var (client, batch, page) = await ApplyPageAsync(minAge: 16, new DateOnly(2008, 6, 1));

        using var response = await client.SubmitAsync(page.MainForm(), Consented);

        Assert.Equal("Karena Anda belum berusia 18 tahun, persetujuan orang tua atau wali wajib diberikan.", (await Html.ParseAsync(response)).FieldError("Input.GuardianConsent"));
        Assert.False(await factory.WithDbAsync(db => db.Applications.AnyAsync(a => a.BatchId == batch.Id)));
    }

    [Fact]
    public async Task The_motivation_is_limited_to_1000_characters()
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var client = await factory.SignedInClientAsync((await JobSeekerAsync()).Email!);

        var page = await client.GetPageAsync(ApplyPath(batch));
        using var response = await client.SubmitAsync(page.MainForm(), new Dictionary<string, string> { ["Input.Consent"] = "true", ["Input.Motivation"] = new string('a', 1001) });

        Assert.Contains("paling banyak 1.000 karakter (saat ini 1.001)", (await Html.ParseAsync(response)).FieldError("Input.Motivation"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unconfirmed_email_address_cannot_apply()
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var user = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id), emailConfirmed: false);

        // Such a person cannot sign in; the rule still holds for any other way in.
        await using var scope = factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Batches.AsNoTracking().Include(b => b.Programme).SingleAsync(b => b.Id == batch.Id);
        var result = await scope.ServiceProvider.GetRequiredService<ApplicationService>()
            .SubmitAsync(user.Id, stored, new ApplicationForm(null, true, false), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Message.Contains("belum dikonfirmasi", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_visitor_is_sent_to_sign_in_and_returns_to_the_apply_page()
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var user = await JobSeekerAsync();
        var client = factory.CreatePortalClient();

        var signIn = await client.GetPageAsync(ApplyPath(batch));
        Assert.Equal(AccountLinks.SignIn, signIn.Url[(signIn.Url.IndexOf("/akun", StringComparison.Ordinal))..].Split('?')[0]);
        using var response = await client.SubmitAsync(signIn.MainForm(), new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email!,
            ["Input.Password"] = TestAccounts.Password,
        });

        Assert.Equal(ApplyPath(batch), response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.NotNull((await Html.ParseAsync(response)).QuerySelector("input[name='Input.Consent']"));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task An_unknown_batch_or_one_of_another_programme_is_404(string method)
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var other = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var client = await factory.SignedInClientAsync((await JobSeekerAsync()).Email!);
        var validPage = ApplyPath(batch);

        foreach (var path in new[] { TrainingLinks.Apply(other.Programme!.Slug, batch.Id), TrainingLinks.Apply(batch.Programme!.Slug, 999_999), TrainingLinks.Apply("tidak-ada", batch.Id) })
        {
            using var response = method == "GET"
                ? await client.GetAsync(new Uri(path, UriKind.Relative))
                : await client.PostWithTokenAsync(validPage, path, Consented);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.False(await factory.WithDbAsync(db => db.Applications.AnyAsync(a => a.BatchId == batch.Id || a.BatchId == other.Id)));
    }

    private async Task<PortalUser> JobSeekerAsync() => await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id));

    /// <summary>A job seeker born on the given day, signed in, on the apply page of a new open batch with the given minimum age.</summary>
    private async Task<(HttpClient Client, Batch Batch, IHtmlDocument Page)> ApplyPageAsync(int minAge, DateOnly dateOfBirth)
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch(minAge: minAge));
        var user = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id, dateOfBirth));
        var client = await factory.SignedInClientAsync(user.Email!);
        return (client, batch, await client.GetPageAsync(ApplyPath(batch)));
    }

    private static string ApplyPath(Batch batch) => TrainingLinks.Apply(batch.Programme!.Slug, batch.Id);

    /// <summary>
    /// The reason shown on the apply page, after checking that the server also refuses a posted
    /// application (the page offers no form then) and that nothing was stored.
    /// </summary>
    private async Task<string> RefusalAsync(PortalUser user, Batch batch)
    {
        var client = await factory.SignedInClientAsync(user.Email!);
        var before = await factory.WithDbAsync(db => db.Applications.CountAsync(a => a.BatchId == batch.Id));

        var page = await client.GetPageAsync(ApplyPath(batch));
        Assert.Null(page.QuerySelector("input[name='Input.Consent']"));
        var shown = page.Text("#tidak-dapat-mendaftar");

        using var posted = await client.PostWithTokenAsync(ApplyPath(batch), ApplyPath(batch), Consented);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(ApplyPath(batch), posted.RequestMessage!.RequestUri!.AbsolutePath);
        var refused = await Html.ParseAsync(posted);
        Assert.Equal(shown, refused.Text("#tidak-dapat-mendaftar"));
        Assert.Equal(before, await factory.WithDbAsync(db => db.Applications.CountAsync(a => a.BatchId == batch.Id)));
        return shown;
    }
}
