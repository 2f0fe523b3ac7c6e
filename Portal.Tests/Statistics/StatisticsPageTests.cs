using Portal.Statistics;
using Portal.Training;

namespace Portal.Tests.Statistics;

public class StatisticsPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Each_table_is_a_figure_in_the_chart_markup_with_indonesian_numbers()
    {
        var programme = TestData.Programme();
        // A year of its own: the tables of people are published for a whole year only.
        var batch = StatisticsData.Batch(programme, 2023, FundingSource.Apbd, seats: 1500);
        await factory.SaveAsync(
            StatisticsData.Applications(1234, batch),
            StatisticsData.Applications(12, batch, ApplicationStatus.Diterima, Kecamatan.Curug, Gender.Female));

        var page = await factory.CreatePortalClient().GetPageAsync("/statistik?tahun=2023");

        var table = page.QuerySelector($"figure#tabel-{TrainingStatistics.KecamatanTable} table")!;
        Assert.Equal("bar", table.GetAttribute("data-chart"));
        Assert.Contains("table", table.ClassList);
        var header = table.QuerySelectorAll("thead th");
        Assert.All(header, th => Assert.Equal("col", th.GetAttribute("scope")));
        Assert.Equal(["Pendaftar", "Peserta"], header.Where(th => th.HasAttribute("data-series")).Select(th => th.TextContent));
        var serang = table.QuerySelectorAll("tbody tr").Single(tr => tr.QuerySelector("th[scope=row]")!.TextContent == "Serang");
        Assert.Equal(["1234", "0"], serang.QuerySelectorAll("td").Select(td => td.GetAttribute("data-value")));
        Assert.Equal(["1.234", "0"], serang.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal("1.246", table.QuerySelector("tfoot td")!.TextContent);
        Assert.NotNull(table.Closest("figure")!.QuerySelector("figcaption"));
        Assert.NotNull(table.Closest(".table-responsive"));

        var rates = page.QuerySelector($"figure#tabel-{TrainingStatistics.FundingTable} tfoot")!.QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.Equal("1,0%", rates[6]);
    }

    [Fact]
    public async Task Figures_recorded_by_the_office_are_marked_as_such()
    {
        var programme = TestData.Programme();
        var paper = StatisticsData.Batch(programme, 2025, FundingSource.Apbd);
        paper.RecordedOutcome = new RecordedOutcome { Applicants = 25, Participants = 20, Completed = 20, Placed = 9 };
        await factory.SaveAsync([paper]);

        var page = await factory.CreatePortalClient().GetPageAsync($"/statistik?program={programme.Slug}");

        Assert.Equal("dicatat kantor", page.QuerySelector("#judul-ringkasan ~ p .badge")!.TextContent);
        Assert.Contains(paper.Name, page.QuerySelector("#judul-ringkasan")!.ParentElement!.TextContent, StringComparison.Ordinal);
        var batchRow = page.QuerySelector($"#tabel-{TrainingStatistics.BatchTable} tbody th")!.TextContent;
        Assert.EndsWith("(dicatat kantor)", batchRow, StringComparison.Ordinal);
        var placed = page.QuerySelector($"#tabel-{TrainingStatistics.BatchTable} tbody tr")!.QuerySelectorAll("td")[5];
        Assert.Equal("9", placed.GetAttribute("data-value"));
    }
}
