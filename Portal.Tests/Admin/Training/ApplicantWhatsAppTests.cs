using Portal.Admin.Training;
using Portal.Training;

namespace Portal.Tests.Admin.Training;

/// <summary>Operators reach an applicant on WhatsApp: a click-to-chat link with the message for the status.</summary>
public class ApplicantWhatsAppTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Office = "Dinas Tenaga Kerja dan Transmigrasi Kota Serang";

    [Theory]
    [InlineData(ApplicationStatus.Diajukan, "sudah kami terima dan sedang kami periksa")]
    [InlineData(ApplicationStatus.Diverifikasi, "sudah kami verifikasi")]
    [InlineData(ApplicationStatus.Diterima, "Selamat, Anda diterima sebagai peserta pelatihan Barista (Gelombang I)")]
    [InlineData(ApplicationStatus.Cadangan, "Anda masuk daftar cadangan")]
    [InlineData(ApplicationStatus.Ditolak, "belum dapat kami terima")]
    [InlineData(ApplicationStatus.Selesai, "telah menyelesaikan pelatihan Barista")]
    [InlineData(ApplicationStatus.Ditempatkan, "kabar Anda di tempat kerja")]
    [InlineData(ApplicationStatus.Dibatalkan, "tercatat dibatalkan")]
    public void Each_status_has_its_own_message_greeting_the_applicant_from_the_office(ApplicationStatus status, string expected)
    {
        var message = ApplicantWhatsApp.Message(status, "Siti Aminah", "Barista", "Gelombang I", Office);

        Assert.StartsWith($"Halo Siti Aminah, kami dari {Office}.", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.Single(Enum.GetValues<ApplicationStatus>(), other => ApplicantWhatsApp.Message(other, "Siti Aminah", "Barista", "Gelombang I", Office) == message);
    }

    [Fact]
    public async Task The_applicant_page_and_row_link_to_a_WhatsApp_chat_with_the_message_for_the_current_status()
    {
        var batch = await factory.AddBatchWithSeatsAsync(5);
        var applicant = await factory.AddApplicantAsync(batch.Id, "Siti & Rahma");
        var client = await factory.ClientInRoleAsync(Roles.Operator);

        var submitted = Link(await client.GetPageAsync(ApplicantPath(applicant.Application.Id)));
        Assert.Equal(Expected(ApplicationStatus.Diajukan), Message(submitted));
        Assert.StartsWith("https://wa.me/6281234567890?text=Halo%20Siti%20%26%20Rahma%2C%20", submitted, StringComparison.Ordinal);
        Assert.DoesNotContain(' ', submitted);

        await factory.ChangeStatusAsync(batch.Id, [applicant.Application.Id], ApplicationStatus.Diverifikasi);

        Assert.Equal(Expected(ApplicationStatus.Diverifikasi), Message(Link(await client.GetPageAsync(ApplicantPath(applicant.Application.Id)))));
        var row = (await client.GetPageAsync($"/admin/pelatihan/gelombang/{batch.Id}/pendaftar")).QuerySelector($"tr[data-application-id='{applicant.Application.Id}']")!;
        Assert.Equal(Expected(ApplicationStatus.Diverifikasi), Message(Link(row)));

        string Expected(ApplicationStatus status) => ApplicantWhatsApp.Message(status, "Siti & Rahma", batch.Programme!.Title, batch.Name, Office);
    }

    [Fact]
    public async Task There_is_no_WhatsApp_link_without_a_phone_number()
    {
        var batch = await factory.AddBatchWithSeatsAsync(5);
        var noPhone = await factory.AddApplicantAsync(batch.Id);
        var deleted = await factory.AddApplicantAsync(batch.Id);
        var withPhone = await factory.AddApplicantAsync(batch.Id);
        await factory.WithDbAsync(async db =>
        {
            var profile = await db.JobSeekerProfiles.SingleAsync(p => p.UserId == noPhone.User.Id);
            profile.Phone = string.Empty;
            await db.SaveChangesAsync();
            await db.Applications.Where(a => a.Id == deleted.Application.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.UserId, (string?)null));
        });
        var client = await factory.ClientInRoleAsync(Roles.Operator);

        Assert.Null((await client.GetPageAsync(ApplicantPath(noPhone.Application.Id))).QuerySelector("a.applicant-whatsapp"));
        Assert.Null((await client.GetPageAsync(ApplicantPath(deleted.Application.Id))).QuerySelector("a.applicant-whatsapp"));
        var table = await client.GetPageAsync($"/admin/pelatihan/gelombang/{batch.Id}/pendaftar");
        Assert.Null(table.QuerySelector($"tr[data-application-id='{noPhone.Application.Id}'] a.applicant-whatsapp"));
        Assert.Null(table.QuerySelector($"tr[data-application-id='{deleted.Application.Id}'] a.applicant-whatsapp"));
        Assert.NotNull(table.QuerySelector($"tr[data-application-id='{withPhone.Application.Id}'] a.applicant-whatsapp"));
    }

    private static string ApplicantPath(int id) => $"/admin/pelatihan/pendaftar/{id}";

    private static string Link(AngleSharp.Dom.IParentNode node) =>
        node.QuerySelector("a.applicant-whatsapp")?.GetAttribute("href") ?? throw new Xunit.Sdk.XunitException("No WhatsApp link");

    private static string Message(string link)
    {
        var query = new Uri(link).Query;
        Assert.StartsWith("?text=", query, StringComparison.Ordinal);
        return Uri.UnescapeDataString(query["?text=".Length..]);
    }
}
