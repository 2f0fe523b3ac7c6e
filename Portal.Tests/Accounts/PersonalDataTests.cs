using System.Text.Json;
using Portal.Tests.Mail;
using Portal.Training;

namespace Portal.Tests.Accounts;

public class PersonalDataTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_download_needs_the_password_and_holds_everything_stored_about_me()
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var user = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id, fullName: "Ahmad Fauzi"));
        var submitted = await factory.SubmitApplicationAsync(user.Id, batch.Id, "Ingin menjadi barista.");
        var nik = await factory.WithDbAsync(db => db.JobSeekerProfiles.Where(p => p.UserId == user.Id).Select(p => p.Nik).SingleAsync());
        var client = await factory.SignedInClientAsync(user.Email!);

        var page = await client.GetPageAsync(AccountLinks.PersonalData);
        using (var wrong = await client.SubmitAsync(page.MainForm("#form-unduh"), new Dictionary<string, string> { ["downloadPassword"] = "bukan-kata-sandi" }))
        {
            Assert.Equal("text/html", wrong.Content.Headers.ContentType!.MediaType);
            Assert.Equal("Kata sandi salah.", (await Html.ParseAsync(wrong)).Text("#galat-unduh"));
        }

        using var download = await client.SubmitAsync(page.MainForm("#form-unduh"), new Dictionary<string, string> { ["downloadPassword"] = TestAccounts.Password });

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/json", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("data-pribadi-2025-11-26.json", download.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        using var json = JsonDocument.Parse(await download.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(user.Email, root.GetProperty("akun").GetProperty("email").GetString());
        Assert.Equal("Ahmad Fauzi", root.GetProperty("profil").GetProperty("namaLengkap").GetString());
        Assert.Equal(nik, root.GetProperty("profil").GetProperty("nik").GetString());
        Assert.Equal("Cipocok Jaya", root.GetProperty("profil").GetProperty("kecamatan").GetString());
        var application = Assert.Single(root.GetProperty("lamaran").EnumerateArray());
        Assert.Equal("Diajukan", application.GetProperty("status").GetString());
        Assert.Equal(submitted.RegistrationNumber, application.GetProperty("nomorPendaftaran").GetString());
        Assert.Equal("Ingin menjadi barista.", application.GetProperty("motivasi").GetString());
        Assert.Equal(ApplicationConsent.Version, application.GetProperty("persetujuanDataPribadi").GetProperty("versiTeks").GetString());
        Assert.Equal("2025-11-26T10:00:00+07:00", application.GetProperty("persetujuanDataPribadi").GetProperty("disetujuiPada").GetString());
        Assert.Equal("Diajukan", Assert.Single(application.GetProperty("riwayatStatus").EnumerateArray()).GetProperty("menjadi").GetString());
    }

    [Fact]
    public async Task Deleting_the_account_needs_the_password_and_a_confirmation()
    {
        var user = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id));
        var client = await factory.SignedInClientAsync(user.Email!);
        var form = (await client.GetPageAsync(AccountLinks.PersonalData)).MainForm("#form-hapus");

        using (var wrongPassword = await client.SubmitAsync(form, new Dictionary<string, string> { ["deletePassword"] = "bukan-kata-sandi", ["confirmDelete"] = "true" }))
        {
            Assert.Equal("Kata sandi salah.", (await Html.ParseAsync(wrongPassword)).Text("#galat-hapus"));
        }

        using (var notConfirmed = await client.SubmitAsync(form, new Dictionary<string, string> { ["deletePassword"] = TestAccounts.Password }))
        {
            Assert.Contains("Centang pernyataan", (await Html.ParseAsync(notConfirmed)).Text("#galat-hapus"), StringComparison.Ordinal);
        }

        Assert.True(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == user.Id)));
        Assert.True(await factory.WithDbAsync(db => db.JobSeekerProfiles.AnyAsync(p => p.UserId == user.Id)));
    }

    [Fact]
    public async Task Deleting_the_account_anonymises_applications_so_that_batch_figures_still_add_up()
    {
        var open = await factory.AddBatchAsync(TestApplications.OpenBatch(cap: 10));
        var decided = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var user = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id, gender: Gender.Female, kecamatan: Kecamatan.Taktakan));
        var pending = await factory.SubmitApplicationAsync(user.Id, open.Id, "Motivasi yang bersifat pribadi.");
        var accepted = await factory.SubmitApplicationAsync(user.Id, decided.Id);
        await factory.WithDbAsync(async db =>
        {
            var stored = await db.Applications.SingleAsync(a => a.Id == accepted.Id);
            stored.ChangeStatus(ApplicationStatus.Diverifikasi, null, "Berkas lengkap, NIK sesuai KTP.", PortalFactory.DefaultNow.UtcDateTime);
            stored.ChangeStatus(ApplicationStatus.Diterima, null, null, PortalFactory.DefaultNow.UtcDateTime);
            await db.SaveChangesAsync();
        });
        var client = await factory.SignedInClientAsync(user.Email!);

        var form = (await client.GetPageAsync(AccountLinks.PersonalData)).MainForm("#form-hapus");
        using var deleted = await client.SubmitAsync(form, new Dictionary<string, string> { ["deletePassword"] = TestAccounts.Password, ["confirmDelete"] = "true" });

        Assert.Equal(AccountLinks.Deleted, deleted.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.NotNull((await Html.ParseAsync(deleted)).QuerySelector("header a[href='/akun/masuk']"));
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == user.Id)));
        Assert.False(await factory.WithDbAsync(db => db.JobSeekerProfiles.AnyAsync(p => p.UserId == user.Id)));

        var applications = await factory.WithDbAsync(db => db.Applications.Include(a => a.History).Where(a => a.Id == pending.Id || a.Id == accepted.Id).ToListAsync());
        Assert.All(applications, a =>
        {
            Assert.Null(a.UserId);
            Assert.Null(a.Motivation);
            Assert.Equal(Gender.Female, a.Gender);
            Assert.Equal(Kecamatan.Taktakan, a.Kecamatan);
            Assert.Equal(EducationLevel.SmaSmk, a.Education);
            Assert.Equal(25, a.AgeAtStart);
            Assert.All(a.History, h => Assert.Null(h.Note));
            Assert.All(a.History, h => Assert.Null(h.ByUserId));
        });
        Assert.Equal(ApplicationStatus.Dibatalkan, applications.Single(a => a.Id == pending.Id).Status);
        Assert.Equal(ApplicationStatus.Diterima, applications.Single(a => a.Id == accepted.Id).Status);
        Assert.Equal(0, await factory.ApplicationCountAsync(open.Id));
        Assert.Equal(1, await factory.ApplicationCountAsync(decided.Id));

        factory.Outbox.Latest(user.Email!, "telah dihapus");
        using var signIn = await factory.CreatePortalClient().SignInAsync(user.Email!);
        Assert.Equal(SignInModel.RefusedMessage, (await Html.ParseAsync(signIn)).SummaryErrors());
    }

    [Fact]
    public async Task Deleting_the_account_drops_the_emails_still_waiting_for_its_address_and_sends_only_the_goodbye()
    {
        var user = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id));
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await factory.AddAsync(MailTestData.Row(user.Email!, "Uji: masih menunggu", now, dueIn: TimeSpan.FromMinutes(10)));
        var client = await factory.SignedInClientAsync(user.Email!);

        var form = (await client.GetPageAsync(AccountLinks.PersonalData)).MainForm("#form-hapus");
        using var deleted = await client.SubmitAsync(form, new Dictionary<string, string> { ["deletePassword"] = TestAccounts.Password, ["confirmDelete"] = "true" });
        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        factory.WakeDelivery();

        Assert.Equal(AccountLinks.Deleted, deleted.RequestMessage!.RequestUri!.AbsolutePath);
        factory.Outbox.Latest(user.Email!, "telah dihapus");
        Assert.DoesNotContain(factory.Outbox.To(user.Email!), m => m.Subject == "Uji: masih menunggu");
        Assert.Empty(await factory.QueuedToAsync(user.Email!));
    }
}
