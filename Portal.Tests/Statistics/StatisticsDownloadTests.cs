using System.Text.Json;
using Portal.Statistics;
using Portal.Training;

namespace Portal.Tests.Statistics;

public class StatisticsDownloadTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <param name="year">A year no other test of the class uses, for a test of the tables of people, which only a whole year has.</param>
    private async Task<(Programme Programme, Batch Batch)> SeedAsync(int year = 2025)
    {
        var programme = TestData.Programme();
        var batch = StatisticsData.Batch(programme, year, FundingSource.Apbd);
        await factory.SaveAsync(
            StatisticsData.Applications(40, batch),
            StatisticsData.Applications(2, batch, kecamatan: Kecamatan.Curug),
            StatisticsData.Applications(10, batch, ApplicationStatus.Diterima, Kecamatan.Kasemen, Gender.Female));
        return (programme, batch);
    }

    [Fact]
    public async Task A_table_downloads_as_csv_with_bom_indonesian_header_and_hidden_small_cells()
    {
        await SeedAsync(2021);
        var client = factory.CreatePortalClient();

        using var response = await client.GetAsync(new Uri($"/statistik/data/2021/{TrainingStatistics.KecamatanTable}.csv", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        using var reader = CsvHelper.CsvReader.Create(bytes);
        Assert.Equal(["Kecamatan", "Pendaftar", "Peserta"], reader.Headers.ToArray());
        var rows = new List<Dictionary<string, string?>>();
        while (reader.Read())
        {
            rows.Add(reader.Current.ToDictionary());
        }

        Assert.Equal(["Serang", "Kasemen", "Walantaka", "Curug", "Cipocok Jaya", "Taktakan", "Di luar Kota Serang", "Jumlah"], rows.Select(r => r["Kecamatan"]));
        var curug = rows.Single(r => r["Kecamatan"] == "Curug");
        Assert.Equal("<5", curug["Pendaftar"]);
        // Curug's 2 would follow from the total: Kasemen's 10, the next smallest, is hidden with it,
        // as "x" (it is not below 5).
        Assert.Equal(("x", "10"), (rows[1]["Pendaftar"], rows[1]["Peserta"]));
        // Serang's 40 as well: kecamatan × gender hides it to protect Curug's two men (the only
        // other men), and a figure hidden in one table is hidden in every table.
        Assert.Equal("x", rows[0]["Pendaftar"]);
        Assert.Equal("52", rows[^1]["Pendaftar"]);
    }

    [Fact]
    public async Task The_json_names_licence_source_dates_threshold_and_filters_and_has_what_its_schema_requires()
    {
        var (programme, _) = await SeedAsync();
        var client = factory.CreatePortalClient();

        using var document = JsonDocument.Parse(await client.GetByteArrayAsync(new Uri($"/statistik/data/2025.json?program={programme.Slug}&dana=apbd", UriKind.Relative)));
        using var schema = JsonDocument.Parse(await client.GetByteArrayAsync(new Uri(StatisticsEndpoints.SchemaPath, UriKind.Relative)));

        var root = document.RootElement;
        Assert.Equal("CC BY 4.0", root.GetProperty("licence").GetProperty("name").GetString());
        Assert.StartsWith("https://creativecommons.org/", root.GetProperty("licence").GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Contains("Dinas Tenaga Kerja", root.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Equal(5, root.GetProperty("suppressionThreshold").GetInt32());
        Assert.Equal(2025, root.GetProperty("filters").GetProperty("year").GetInt32());
        Assert.Equal(programme.Slug, root.GetProperty("filters").GetProperty("programme").GetString());
        Assert.Equal("APBD", root.GetProperty("filters").GetProperty("funding").GetString());
        Assert.Equal("http://localhost" + StatisticsEndpoints.SchemaPath, root.GetProperty("$schema").GetString());
        Assert.True(root.GetProperty("lastModified").TryGetDateTimeOffset(out _));
        Assert.True(root.GetProperty("generated").TryGetDateTimeOffset(out _));
        var required = schema.RootElement.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.All(required, name => Assert.True(root.TryGetProperty(name, out _), name));
        var tableRequired = schema.RootElement.GetProperty("$defs").GetProperty("table").GetProperty("required").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.All(root.GetProperty("tables").EnumerateArray(), table => Assert.All(tableRequired, name => Assert.True(table.TryGetProperty(name, out _), name)));
        var funding = root.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("key").GetString() == TrainingStatistics.FundingTable);
        Assert.Equal(52m, funding.GetProperty("total").GetProperty("cells")[2].GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task A_download_answers_304_until_an_application_changes_and_then_shows_the_change()
    {
        var (programme, batch) = await SeedAsync();
        var client = factory.CreatePortalClient();
        var address = new Uri($"/statistik/data/2025/{TrainingStatistics.FundingTable}.csv?program={programme.Slug}", UriKind.Relative);
        using var first = await client.GetAsync(address);
        var lastModified = first.Content.Headers.LastModified;
        Assert.NotNull(lastModified);

        using var again = new HttpRequestMessage(HttpMethod.Get, address);
        again.Headers.IfModifiedSince = lastModified;
        using var unchanged = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);

        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await factory.WithDbAsync(async db =>
        {
            foreach (var application in await db.Applications.Include(a => a.History).Where(a => a.BatchId == batch.Id && a.Status == ApplicationStatus.Diterima).ToListAsync())
            {
                application.ChangeStatus(ApplicationStatus.Selesai, null, null, factory.Clock.GetUtcNow().UtcDateTime);
            }

            await db.SaveChangesAsync();
        });

        using var afterChange = new HttpRequestMessage(HttpMethod.Get, address);
        afterChange.Headers.IfModifiedSince = lastModified;
        using var changed = await client.SendAsync(afterChange);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.True(changed.Content.Headers.LastModified > lastModified);
        var text = await changed.Content.ReadAsStringAsync();
        Assert.Contains("APBD,1,20,52,10,10,0,", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_change_shows_on_the_next_page_request()
    {
        var (programme, batch) = await SeedAsync();
        var client = factory.CreatePortalClient();
        var address = $"/statistik?tahun=2025&program={programme.Slug}";
        static string Completed(AngleSharp.Html.Dom.IHtmlDocument page) =>
            page.QuerySelector($"#tabel-{TrainingStatistics.FundingTable} tfoot")!.QuerySelectorAll("td")[4].TextContent;
        Assert.Equal("0", Completed(await client.GetPageAsync(address)));

        await factory.WithDbAsync(async db =>
        {
            foreach (var application in await db.Applications.Include(a => a.History).Where(a => a.BatchId == batch.Id && a.Status == ApplicationStatus.Diterima).ToListAsync())
            {
                application.ChangeStatus(ApplicationStatus.Selesai, null, null, factory.Clock.GetUtcNow().UtcDateTime);
            }

            await db.SaveChangesAsync();
        });

        Assert.Equal("10", Completed(await client.GetPageAsync(address)));
    }

    [Theory]
    [InlineData("/statistik/data/1999.json", HttpStatusCode.NotFound)]
    [InlineData("/statistik/data/2099.json", HttpStatusCode.NotFound)]
    [InlineData("/statistik/data/dua-ribu.json", HttpStatusCode.NotFound)]
    [InlineData("/statistik/data/2025/tidak-ada.csv", HttpStatusCode.NotFound)]
    [InlineData("/statistik/data/2025.json?program=tidak-ada", HttpStatusCode.NotFound)]
    [InlineData("/statistik/data/2025/kecamatan.csv?dana=APBX", HttpStatusCode.BadRequest)]
    [InlineData("/statistik?tahun=abc", HttpStatusCode.BadRequest)]
    [InlineData("/statistik?tahun=1900", HttpStatusCode.NotFound)]
    [InlineData("/statistik?dana=swasta", HttpStatusCode.BadRequest)]
    [InlineData("/statistik?program=tidak-ada", HttpStatusCode.NotFound)]
    public async Task A_bad_year_table_programme_or_funding_gets_the_indonesian_error_page(string address, HttpStatusCode expected)
    {
        var page = await factory.CreatePortalClient().GetPageAsync(address, expected);

        Assert.Contains(page.QuerySelector("h1")!.TextContent, new[] { "Halaman tidak ditemukan", "Permintaan tidak dapat diproses" });
    }

    [Fact]
    public async Task Each_table_on_the_page_links_its_csv_and_the_page_links_the_json_schema_and_licence()
    {
        var (programme, _) = await SeedAsync();

        var page = await factory.CreatePortalClient().GetPageAsync($"/statistik?program={programme.Slug}&dana=APBD");

        foreach (var figure in page.QuerySelectorAll("figure"))
        {
            var key = figure.Id!["tabel-".Length..];
            Assert.Equal($"/statistik/data/2025/{key}.csv?program={programme.Slug}&dana=APBD", figure.QuerySelector("a[download]")!.GetAttribute("href"));
        }

        Assert.NotNull(page.QuerySelector($"a[href='/statistik/data/2025.json?program={programme.Slug}&dana=APBD']"));
        Assert.NotNull(page.QuerySelector($"a[href='{StatisticsEndpoints.SchemaPath}']"));
        Assert.Equal("CC BY 4.0", page.QuerySelector("a[rel=license]")!.TextContent);
        Assert.Contains("Data diperbarui: ", page.Body!.TextContent, StringComparison.Ordinal);
    }
}
