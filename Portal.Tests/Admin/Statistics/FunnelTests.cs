using AngleSharp.Dom;
using Portal.Admin.Statistics;
using Portal.Training;

namespace Portal.Tests.Admin.Statistics;

/// <summary>
/// The staff funnel (/admin/statistik/tahapan and the batch page) over applications with a
/// crafted history: counts at each step, the median days between steps, withdrawn ones apart, a
/// batch with the office's recorded outcome shown as recorded, and who may see it.
/// </summary>
public class FunnelTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string FunnelPath = "/admin/statistik/tahapan";

    private static readonly string[] StepKeys = ["mendaftar", "diverifikasi", "diterima", "selesai", "ditempatkan"];

    [Theory]
    [InlineData("?tahun=1999")]
    [InlineData("?tahun=9999")]
    public async Task A_year_outside_the_statistics_years_is_not_found_as_on_the_statistics_page(string query)
    {
        var client = await factory.ClientInRoleAsync(Roles.Operator);

        var page = await client.GetPageAsync(FunnelPath + query, HttpStatusCode.NotFound);

        Assert.Equal("Halaman tidak ditemukan", page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task Each_step_counts_the_applications_that_reached_it_with_the_median_days_from_the_step_before()
    {
        var (counted, _) = await CraftYearAsync(2021);
        var client = await factory.ClientInRoleAsync(Roles.Operator);

        var page = await client.GetPageAsync($"{FunnelPath}?tahun=2021");

        var row = Row(page, counted.Id);
        Assert.Equal(
            ["8", "6", "3", "2", "1"],
            StepKeys.Select(step => row.QuerySelector($".step-{step}")!.GetAttribute("data-count")));
        Assert.Equal("2", row.QuerySelector(".withdrawn")!.GetAttribute("data-count"));
        Assert.Equal(
            [string.Empty, "2", "4", "17.5", "10"],
            StepKeys.Select(step => row.QuerySelector($".step-{step}")!.GetAttribute("data-median-days")));
        // As an Indonesian reader writes them.
        var verified = row.QuerySelector(".step-diverifikasi")!.TextContent;
        Assert.Contains("75,0%", verified, StringComparison.Ordinal);
        Assert.Contains("2,0 hari", verified, StringComparison.Ordinal);
        Assert.Contains("17,5 hari", row.QuerySelector(".step-selesai")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("12,5%", row.QuerySelector(".step-ditempatkan")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_with_a_recorded_outcome_shows_the_office_figures_without_times_and_ignores_its_applications()
    {
        var (_, recorded) = await CraftYearAsync(2022);
        var client = await factory.ClientInRoleAsync(Roles.Operator);

        var page = await client.GetPageAsync($"{FunnelPath}?tahun=2022");

        var row = Row(page, recorded.Id);
        Assert.Contains("dicatat kantor", row.QuerySelector("th")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1.234", row.QuerySelector(".step-mendaftar .funnel-count")!.TextContent);
        Assert.Equal(
            ["1234", string.Empty, "20", "18", "9"],
            StepKeys.Select(step => row.QuerySelector($".step-{step}")!.GetAttribute("data-count")));
        Assert.Empty(row.QuerySelectorAll(".funnel-days"));
        Assert.Equal(string.Empty, row.QuerySelector(".withdrawn")!.GetAttribute("data-count"));
    }

    [Fact]
    public async Task The_batch_page_shows_the_funnel_of_its_batch()
    {
        var (counted, _) = await CraftYearAsync(2023);
        var client = await factory.ClientInRoleAsync(Roles.Admin);

        var page = await client.GetPageAsync($"/admin/pelatihan/gelombang/{counted.Id}");

        var row = Assert.Single(page.QuerySelectorAll(".batch-funnel tbody tr"));
        Assert.Equal(counted.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), row.GetAttribute("data-batch-id"));
        Assert.Equal("1", row.QuerySelector(".step-ditempatkan")!.GetAttribute("data-count"));
        Assert.Equal("10", row.QuerySelector(".step-ditempatkan")!.GetAttribute("data-median-days"));
    }

    [Fact]
    public async Task Without_a_year_the_page_shows_the_current_year_in_WIB_with_the_shipped_batches()
    {
        var client = await factory.ClientInRoleAsync(Roles.Operator);

        var page = await client.GetPageAsync(FunnelPath);

        Assert.Equal("2025", page.QuerySelector(".funnel-years [aria-current=page]")!.TextContent);
        var softSkill = await factory.WithDbAsync(db => db.Batches.SingleAsync(b => b.Key == "soft-skill-apbd-2025-1"));
        var row = Row(page, softSkill.Id);
        Assert.Contains("dicatat kantor", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("14", row.QuerySelector(".step-ditempatkan")!.GetAttribute("data-count"));
    }

    [Theory]
    [InlineData("anonymous", HttpStatusCode.Redirect)]
    [InlineData("jobseeker", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Editor, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Operator, HttpStatusCode.OK)]
    [InlineData(Roles.Admin, HttpStatusCode.OK)]
    public async Task Only_operators_and_admins_may_see_the_funnel(string who, HttpStatusCode expected)
    {
        var client = await factory.ClientAsAsync(who, followRedirects: false);

        using var response = await client.GetAsync(new Uri(FunnelPath, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect)
        {
            Assert.Contains($"{AccountLinks.SignIn}?", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new double[0], null)]
    [InlineData(new[] { 3.0 }, 3.0)]
    [InlineData(new[] { 4.0, 1.0 }, 2.5)]
    [InlineData(new[] { 9.0, 1.0, 4.0 }, 4.0)]
    public void The_median_is_the_middle_value_or_the_mean_of_the_two_middle_ones(double[] values, double? median) =>
        Assert.Equal(median, Medians.Of(values));

    private static IElement Row(AngleSharp.Html.Dom.IHtmlDocument page, int batchId) =>
        page.QuerySelector($".funnel-table tr[data-batch-id='{batchId}']") ?? throw new Xunit.Sdk.XunitException($"No funnel row for batch {batchId}");

    /// <summary>
    /// Two batches trained in the year: one counted from ten applications with a crafted history
    /// (days after applying on 1 March), one with the office's recorded outcome and an application
    /// that must not count.
    /// </summary>
    private async Task<(Batch Counted, Batch Recorded)> CraftYearAsync(int year)
    {
        var programme = TestData.Programme();
        var counted = TestData.Batch(programme, new DateTime(year, 2, 1, 8, 0, 0), new DateTime(year, 2, 20, 23, 59, 0));
        var recorded = TestData.Batch(programme, new DateTime(year, 3, 1, 8, 0, 0), new DateTime(year, 3, 20, 23, 59, 0), seats: 20);
        recorded.RecordedOutcome = new RecordedOutcome { Applicants = 1234, Participants = 20, Completed = 18, Placed = 9 };
        const ApplicationStatus Verified = ApplicationStatus.Diverifikasi, Accepted = ApplicationStatus.Diterima, Reserve = ApplicationStatus.Cadangan,
            Rejected = ApplicationStatus.Ditolak, Completed = ApplicationStatus.Selesai, Placed = ApplicationStatus.Ditempatkan, Withdrawn = ApplicationStatus.Dibatalkan;
        var applied = new DateTime(year, 2, 1, 3, 0, 0, DateTimeKind.Utc);
        await factory.AddAsync(
            programme, counted, recorded,
            Crafted(counted, applied),
            Crafted(counted, applied, (Verified, 2)),
            Crafted(counted, applied, (Verified, 1), (Rejected, 3)),
            Crafted(counted, applied, (Rejected, 1)),
            Crafted(counted, applied, (Verified, 4), (Reserve, 5)),
            Crafted(counted, applied, (Verified, 2), (Accepted, 6)),
            Crafted(counted, applied, (Verified, 3), (Accepted, 5), (Completed, 20)),
            Crafted(counted, applied, (Verified, 1), (Reserve, 2), (Accepted, 10), (Completed, 30), (Placed, 40)),
            Crafted(counted, applied, (Verified, 1), (Withdrawn, 2)),
            Crafted(counted, applied, (Withdrawn, 1)),
            Crafted(recorded, applied, (Verified, 1)));
        return (counted, recorded);
    }

    /// <summary>An application (of a deleted account: no person needed) that went through the steps, each so many days after applying.</summary>
    private static Application Crafted(Batch batch, DateTime appliedAtUtc, params (ApplicationStatus To, double Days)[] steps)
    {
        var application = new Application
        {
            Batch = batch,
            ConsentTextVersion = "uji",
            Kecamatan = Kecamatan.Serang,
            Education = EducationLevel.SmaSmk,
            Gender = Gender.Female,
            AgeAtStart = 25,
            CreatedAtUtc = appliedAtUtc,
            ConsentedAtUtc = appliedAtUtc,
        };
        application.History.Add(new ApplicationStatusChange { From = null, To = ApplicationStatus.Diajukan, AtUtc = appliedAtUtc });
        foreach (var (to, days) in steps)
        {
            application.History.Add(new ApplicationStatusChange { From = application.Status, To = to, AtUtc = appliedAtUtc.AddDays(days) });
            application.Status = to;
        }

        return application;
    }
}
