using System.Text.Json;
using Portal.Statistics;
using Portal.Training;

namespace Portal.Tests.Statistics;

public class StatisticsPrivacyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task One_applicant_from_one_kecamatan_of_one_gender_is_visible_nowhere_on_the_page_in_any_csv_or_in_the_json()
    {
        var programme = TestData.Programme();
        var apbd = StatisticsData.Batch(programme, 2025, FundingSource.Apbd);
        var apbn = StatisticsData.Batch(programme, 2025, FundingSource.Apbn);
        await factory.SaveAsync(
            StatisticsData.Applications(30, apbd, kecamatan: Kecamatan.Serang),
            StatisticsData.Applications(20, apbd, kecamatan: Kecamatan.Serang, gender: Gender.Female),
            StatisticsData.Applications(12, apbn, kecamatan: Kecamatan.Kasemen, gender: Gender.Female),
            StatisticsData.Applications(9, apbn, kecamatan: Kecamatan.Curug),
            [StatisticsData.Application(apbn, ApplicationStatus.Diajukan, Kecamatan.Taktakan, Gender.Female, age: 41, education: EducationLevel.S2)]);
        var client = factory.CreatePortalClient();
        var query = $"?program={programme.Slug}";

        var page = await client.GetPageAsync($"/statistik{query}&tahun=2025");
        var fromPage = PublishedGrid.FromPage(page);
        using var json = JsonDocument.Parse(await client.GetByteArrayAsync(new Uri($"/statistik/data/2025.json{query}", UriKind.Relative)));
        var fromJson = PublishedGrid.FromJson(json.RootElement);
        var fromCsv = new List<PublishedGrid>();
        foreach (var link in page.QuerySelectorAll("figure a[href$='.csv'], figure a[href*='.csv?']").Select(a => a.GetAttribute("href")!))
        {
            fromCsv.Add(PublishedGrid.FromCsv(link, await client.GetByteArrayAsync(new Uri(link, UriKind.Relative))));
        }

        Assert.Equal(fromPage.Count, fromCsv.Count);
        Assert.Equal(fromPage.Count, fromJson.Count);
        List<PublishedGrid> all = [.. fromPage, .. fromCsv, .. fromJson];
        Assert.Empty(all.SelectMany(grid => grid.Disclosures()));

        // The person's own cells are hidden, not merely rounded away: Taktakan, women, 35 and over, S2.
        Assert.All(all.SelectMany(g => g.Rows).Where(r => r.Label is "Taktakan" or "35 tahun ke atas" or "S2 atau lebih"),
            row => Assert.All(row.Cells, cell => Assert.True(cell is null or 0, $"{row.Label}: {cell}")));
        var kecamatanGender = fromPage.Single(g => g.Name == "tabel-" + TrainingStatistics.KecamatanGenderTable);
        Assert.Null(kecamatanGender.Rows.Single(r => r.Label == "Taktakan").Cells[1]);

        // The tables agree in every form: the same hidden cells, the same figures.
        foreach (var (html, csv, data) in fromPage.Zip(fromCsv, fromJson))
        {
            Assert.Equal(html.Rows.Select(r => r.Cells), csv.Rows.Select(r => r.Cells));
            Assert.Equal(html.Rows.Select(r => r.Cells), data.Rows.Select(r => r.Cells));
        }

        // The JSON marks what it hides and never carries the figure.
        var kecamatan = json.RootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("key").GetString() == TrainingStatistics.KecamatanTable);
        var taktakan = kecamatan.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("label").GetString() == "Taktakan");
        Assert.True(taktakan.GetProperty("cells")[0].GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, taktakan.GetProperty("cells")[0].GetProperty("value").ValueKind);
        Assert.Equal(5, json.RootElement.GetProperty("suppressionThreshold").GetInt32());
        Assert.Contains("&lt; 5", page.QuerySelector($"#tabel-{TrainingStatistics.KecamatanTable} tbody")!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_see_the_small_figures_the_public_page_hides()
    {
        var programme = TestData.Programme();
        var batch = StatisticsData.Batch(programme, 2025);
        await factory.SaveAsync(
            StatisticsData.Applications(30, batch),
            [StatisticsData.Application(batch, ApplicationStatus.Diajukan, Kecamatan.Walantaka)]);
        var operatorClient = await factory.ClientInRoleAsync(Roles.Operator);

        var page = await operatorClient.GetPageAsync($"/admin/statistik?tahun=2025&program={programme.Slug}");

        var grids = PublishedGrid.FromPage(page);
        var kecamatan = grids.Single(g => g.Name == "tabel-" + TrainingStatistics.KecamatanTable);
        Assert.Equal([1, 0], kecamatan.Rows.Single(r => r.Label == "Walantaka").Cells);
        Assert.DoesNotContain(page.QuerySelectorAll("td"), td => td.TextContent.StartsWith('<'));

        // The same check that passes the public page finds the person here: it can fail.
        Assert.Contains(grids.SelectMany(g => g.Disclosures()), d => d.Contains("Walantaka", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("anonymous", HttpStatusCode.Redirect)]
    [InlineData("jobseeker", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Editor, HttpStatusCode.Forbidden)]
    public async Task Only_operators_and_admins_open_the_unsuppressed_figures(string who, HttpStatusCode expected)
    {
        var client = await factory.ClientAsAsync(who);

        using var response = await client.GetAsync(new Uri("/admin/statistik", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task An_admin_opens_the_unsuppressed_figures()
    {
        var client = await factory.ClientAsAsync(Roles.Admin);

        var page = await client.GetPageAsync("/admin/statistik");

        Assert.NotNull(page.QuerySelector($"a[href='{Portal.Admin.Statistics.IndexModel.FunnelPath}']"));
    }
}
