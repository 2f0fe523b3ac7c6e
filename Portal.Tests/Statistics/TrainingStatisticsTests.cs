using Portal.Statistics;
using Portal.Training;

namespace Portal.Tests.Statistics;

public class TrainingStatisticsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<StatisticsReport> ReportAsync(StatisticsFilter filter, bool suppressed = false)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<TrainingStatistics>().ReportAsync(filter, suppressed, CancellationToken.None);
        Assert.NotNull(report);
        return report;
    }

    private static long?[] Figures(PublishedRow row) => [.. row.Cells.Select(c => c.Value is { } v ? (long?)v : null)];

    [Fact]
    public async Task Counts_the_funnel_of_a_year_leaving_out_withdrawn_applications_demo_batches_and_other_years()
    {
        var programme = TestData.Programme();
        var apbd = StatisticsData.Batch(programme, 2025, FundingSource.Apbd, seats: 20);
        var demo = StatisticsData.Batch(programme, 2025, demo: true);
        var earlier = StatisticsData.Batch(programme, 2024);
        await factory.SaveAsync(
            StatisticsData.Applications(8, apbd),
            StatisticsData.Applications(6, apbd, ApplicationStatus.Diterima, Kecamatan.Kasemen, Gender.Female),
            StatisticsData.Applications(5, apbd, ApplicationStatus.Selesai),
            StatisticsData.Applications(7, apbd, ApplicationStatus.Ditempatkan),
            StatisticsData.Applications(3, apbd, ApplicationStatus.Dibatalkan),
            StatisticsData.Applications(10, demo, ApplicationStatus.Ditempatkan),
            StatisticsData.Applications(9, earlier));

        var report = await ReportAsync(new StatisticsFilter(2025, programme.Slug, null));

        // Batches, seats, applicants, accepted (and after), completed (and placed), placed.
        Assert.Equal([1, 20, 26, 18, 12, 7], Figures(report.Summary.Total!)[..6]);
        Assert.Equal([69.2m, 66.7m, 58.3m], report.Summary.Total!.Cells.Skip(6).Select(c => c.Value));
        var kecamatan = report.Table(TrainingStatistics.KecamatanTable)!;
        Assert.Equal([6, 6], Figures(kecamatan.Rows.Single(r => r.Label == "Kasemen")));
        Assert.Equal([20, 12], Figures(kecamatan.Rows.Single(r => r.Label == "Serang")));
    }
}
