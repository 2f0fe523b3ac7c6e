using CsvHelper;
using Portal.Admin;
using Portal.Admin.Training;
using Portal.Training;

namespace Portal.Tests.Admin.Training;

public class ApplicantsCsvTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_export_is_the_filtered_table_in_UTF8_with_BOM_full_NIK_as_text_and_is_audited()
    {
        var batch = await factory.AddBatchWithSeatsAsync(5);
        var citra = await factory.AddApplicantAsync(batch.Id, "Citra Ñurul", Kecamatan.Kasemen, EducationLevel.S1);
        factory.Clock.Advance(TimeSpan.FromMinutes(3));
        var bayu = await factory.AddApplicantAsync(batch.Id, "=Bayu", Kecamatan.Kasemen);
        await factory.AddApplicantAsync(batch.Id, "Agus", Kecamatan.Serang);
        var operatorUser = await factory.CreateUserAsync(Roles.Operator);
        using var client = await factory.SignedInClientAsync(operatorUser);

        // The link on the table carries the table's filter.
        var table = await client.GetPageAsync($"/admin/pelatihan/gelombang/{batch.Id}/pendaftar?kecamatan=Kasemen");
        var link = table.QuerySelector("#ekspor-csv")!.GetAttribute("href")!;
        using var response = await client.GetAsync(new Uri(link, UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);

        using var reader = CsvReader.Create(bytes);
        Assert.Equal(ApplicantsCsv.Header, reader.Headers.ToArray());
        var rows = new List<Dictionary<string, string?>>();
        while (reader.Read())
        {
            rows.Add(reader.Current.ToDictionary());
        }

        Assert.Equal(2, rows.Count);
        Assert.Equal(["Citra Ñurul", "'=Bayu"], rows.Select(r => r["Nama"]));
        Assert.All(rows, r => Assert.Equal("Kasemen", r["Kecamatan"]));
        var niks = rows.Select(r => ApplicantsCsv.FromTextCell(r["NIK"]!)).ToList();
        Assert.Equal([citra.Profile.Nik, bayu.Profile.Nik], niks);
        Assert.All(niks, nik => Assert.Matches("^[0-9]{16}$", nik));
        Assert.StartsWith("=\"", rows[0]["NIK"], StringComparison.Ordinal);
        Assert.Equal("2025-11-26 10:00", rows[0]["Tanggal daftar (WIB)"]);
        Assert.Equal("S1", rows[0]["Pendidikan"]);
        Assert.Equal("Diajukan", rows[0]["Status"]);
        Assert.Equal(citra.Profile.Phone, ApplicantsCsv.FromTextCell(rows[0]["Telepon"]!));

        var audit = await factory.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.ActorUserId == operatorUser.Id));
        Assert.Equal(AuditAction.ApplicantsExported, audit.Action);
        Assert.Contains("2 baris", audit.Details, StringComparison.Ordinal);
        Assert.Contains("kecamatan Kasemen", audit.Details, StringComparison.Ordinal);
    }
}
