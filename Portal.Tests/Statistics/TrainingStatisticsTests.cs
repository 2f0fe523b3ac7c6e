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

    [Fact]
    public async Task A_batch_with_a_recorded_outcome_counts_the_office_figures_instead_of_its_applications()
    {
        var programme = TestData.Programme();
        var paper = StatisticsData.Batch(programme, 2025, FundingSource.Apbd);
        paper.RecordedOutcome = new RecordedOutcome
        {
            Applicants = 40,
            Participants = 20,
            Completed = 20,
            Placed = 12,
            ParticipantsByKecamatan = [new() { Kecamatan = Kecamatan.Serang, Participants = 12 }, new() { Kecamatan = Kecamatan.Kasemen, Participants = 8 }],
            ParticipantsByGender = [new() { Gender = Gender.Male, Participants = 9 }, new() { Gender = Gender.Female, Participants = 11 }],
        };
        var portal = StatisticsData.Batch(programme, 2025, FundingSource.Apbn);
        await factory.SaveAsync(
            StatisticsData.Applications(7, paper, ApplicationStatus.Ditempatkan),
            StatisticsData.Applications(16, portal, ApplicationStatus.Diterima, Kecamatan.Serang));

        var report = await ReportAsync(new StatisticsFilter(2025, programme.Slug, null));

        Assert.Equal([2, 40, 56, 36, 20, 12], Figures(report.Summary.Total!)[..6]);
        Assert.True(report.Summary.Total!.Recorded);
        Assert.Equal([true, false], report.Summary.Rows.Select(r => r.Recorded));
        Assert.Equal([$"{programme.Title} – {paper.Name}"], report.RecordedBatches);
        var kecamatan = report.Table(TrainingStatistics.KecamatanTable)!;
        Assert.Equal(["pendaftar", "peserta", "peserta-dicatat"], kecamatan.Columns.Select(c => c.Key));
        Assert.Equal([16, 16, 12], Figures(kecamatan.Rows.Single(r => r.Label == "Serang")));
        Assert.Equal([0, 0, 8], Figures(kecamatan.Rows.Single(r => r.Label == "Kasemen")));
        var gender = report.Table(TrainingStatistics.GenderTable)!;
        Assert.Equal([0, 0, 11], Figures(gender.Rows.Single(r => r.Label == "Perempuan")));
        Assert.NotNull(report.Table(TrainingStatistics.AgeTable)!.Note);
    }

    [Fact]
    public async Task Years_are_compared_for_the_whole_year_and_left_out_of_a_narrowed_view()
    {
        // Years of their own: the shipped content has batches in 2025 and 2026.
        var programme = TestData.Programme();
        var thisYear = StatisticsData.Batch(programme, 2022);
        var lastYear = StatisticsData.Batch(programme, 2021);
        await factory.SaveAsync(StatisticsData.Applications(6, thisYear), StatisticsData.Applications(9, lastYear, ApplicationStatus.Selesai));

        var report = await ReportAsync(new StatisticsFilter(2022, null, null));
        var narrowed = await ReportAsync(new StatisticsFilter(2022, programme.Slug, null));

        var years = report.Table(TrainingStatistics.YearTable)!;
        Assert.Equal(StatisticsTable.LineChart, years.Chart);
        Assert.Equal([9, 6], years.Rows.Where(r => r.Label is "2021" or "2022").Select(r => Figures(r)[2]));
        Assert.Equal([2022, 2021], report.Years.Where(y => y <= 2022).Take(2));
        Assert.Null(narrowed.Table(TrainingStatistics.YearTable));
    }
}
