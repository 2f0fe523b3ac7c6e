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
        var apbd = StatisticsData.Batch(programme, 2022, FundingSource.Apbd);
        var apbn = StatisticsData.Batch(programme, 2022, FundingSource.Apbn);
        await factory.SaveAsync(
            StatisticsData.Applications(30, apbd, kecamatan: Kecamatan.Serang),
            StatisticsData.Applications(20, apbd, kecamatan: Kecamatan.Serang, gender: Gender.Female),
            StatisticsData.Applications(12, apbn, kecamatan: Kecamatan.Kasemen, gender: Gender.Female),
            StatisticsData.Applications(9, apbn, kecamatan: Kecamatan.Curug),
            [StatisticsData.Application(apbn, ApplicationStatus.Diajukan, Kecamatan.Taktakan, Gender.Female, age: 41, education: EducationLevel.S2)]);
        var client = factory.CreatePortalClient();
        // Its own year: the tables of people are published for a whole year only.
        var page = await client.GetPageAsync("/statistik?tahun=2022");
        var fromPage = PublishedGrid.FromPage(page);
        using var json = JsonDocument.Parse(await client.GetByteArrayAsync(new Uri("/statistik/data/2022.json", UriKind.Relative)));
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
    public async Task A_chosen_programme_or_funding_source_shows_no_table_of_people_so_two_views_cannot_be_subtracted()
    {
        // Six from Kasemen in the year, five of them in APBD: an APBD table by kecamatan would leave the one in APBN.
        var programme = TestData.Programme();
        var apbd = StatisticsData.Batch(programme, 2023, FundingSource.Apbd);
        var apbn = StatisticsData.Batch(programme, 2023, FundingSource.Apbn);
        await factory.SaveAsync(
            StatisticsData.Applications(5, apbd, kecamatan: Kecamatan.Kasemen),
            StatisticsData.Applications(30, apbd, kecamatan: Kecamatan.Serang),
            StatisticsData.Applications(1, apbn, kecamatan: Kecamatan.Kasemen),
            StatisticsData.Applications(25, apbn, kecamatan: Kecamatan.Serang));
        var client = factory.CreatePortalClient();

        foreach (var query in new[] { "&dana=APBD", "&dana=APBN", $"&program={programme.Slug}", $"&program={programme.Slug}&dana=APBD" })
        {
            var page = await client.GetPageAsync("/statistik?tahun=2023" + query);
            var tables = PublishedGrid.FromPage(page).Select(g => g.Name).ToList();

            Assert.Equal(["tabel-" + TrainingStatistics.FundingTable, "tabel-" + TrainingStatistics.ProgrammeTable, "tabel-" + TrainingStatistics.BatchTable], tables);
            Assert.Contains(TrainingStatistics.NarrowedNotice, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
            using var csv = await client.GetAsync(new Uri($"/statistik/data/2023/{TrainingStatistics.KecamatanTable}.csv?{query[1..]}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, csv.StatusCode);
        }

        var whole = PublishedGrid.FromPage(await client.GetPageAsync("/statistik?tahun=2023"));
        Assert.Contains(whole, g => g.Name == "tabel-" + TrainingStatistics.KecamatanFundingTable);
    }

    [Fact]
    public async Task A_small_batch_cannot_be_had_from_its_funding_total_less_the_batches_shown_in_any_view()
    {
        // The reviewer's case: 3 in one APBD batch, 30 in the other, 20 in APBN.
        var programme = TestData.Programme();
        var other = TestData.Programme();
        var small = StatisticsData.Batch(programme, 2024, FundingSource.Apbd);
        var large = StatisticsData.Batch(other, 2024, FundingSource.Apbd);
        var national = StatisticsData.Batch(TestData.Programme(), 2024, FundingSource.Apbn);
        await factory.SaveAsync(
            StatisticsData.Applications(3, small), StatisticsData.Applications(30, large), StatisticsData.Applications(20, national));
        var client = factory.CreatePortalClient();

        // Every applicant figure any view publishes, by what it counts.
        var shown = new Dictionary<string, long?>();
        foreach (var query in new[] { string.Empty, "&dana=APBD", "&dana=APBN", $"&program={programme.Slug}", $"&program={other.Slug}", $"&program={programme.Slug}&dana=APBD" })
        {
            foreach (var grid in PublishedGrid.FromPage(await client.GetPageAsync("/statistik?tahun=2024" + query)))
            {
                foreach (var (label, cells) in grid.Rows.Where(r => r.Label != "Jumlah"))
                {
                    // A batch is the same quantity in every view; a funding or programme row is one per view.
                    var key = (grid.Name == "tabel-" + TrainingStatistics.BatchTable ? string.Empty : query) + grid.Name + "|" + label;
                    Assert.True(!shown.TryGetValue(key, out var before) || before == cells[0], $"{key} differs between views");
                    shown[key] = cells[0];
                }
            }
        }

        var batches = shown.Where(s => s.Key.StartsWith("tabel-" + TrainingStatistics.BatchTable, StringComparison.Ordinal)).ToList();
        Assert.Equal(3, batches.Count);
        Assert.Contains(batches, b => b.Value is null);
        var apbdTotal = shown["tabel-" + TrainingStatistics.FundingTable + "|APBD"];
        var apbdBatchesShown = batches.Count(b => b.Value is not null && (b.Key.Contains(other.Title, StringComparison.Ordinal) || b.Key.Contains(programme.Title, StringComparison.Ordinal)));
        // The small batch is hidden; with the APBD total shown, the other APBD batch must be hidden too.
        Assert.True(apbdTotal is null || apbdBatchesShown == 0, $"APBD {apbdTotal} with {apbdBatchesShown} of its batches shown");
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

        Assert.Equal("Statistik pelatihan", page.Text("h1"));
        Assert.Null(page.QuerySelector("td[data-value='']"));
    }
}
