using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Portal.Statistics;

/// <summary>
/// /statistik: the published figures for a year, a programme and a funding source, suppressed.
/// Not in the output cache: its eviction does not see application changes (see <see cref="StatisticsCache"/>).
/// </summary>
public class IndexModel(TrainingStatistics statistics) : PageModel
{
    [BindProperty(SupportsGet = true, Name = StatisticsFilter.YearKey)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = StatisticsFilter.ProgrammeKey)]
    public string? Programme { get; set; }

    [BindProperty(SupportsGet = true, Name = StatisticsFilter.FundingKey)]
    public string? Funding { get; set; }

    public StatisticsReport Report { get; private set; } = null!;

    /// <summary>The page the filter form submits to: this one.</summary>
    public string PageName => "/Statistics/Index";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var report = await StatisticsPage.LoadAsync(statistics, ModelState, Year, Programme, Funding, suppressed: true, cancellationToken);
        if (report.Result is { } refusal)
        {
            return refusal;
        }

        Report = report.Report!;
        return Page();
    }
}

/// <summary>What the public and the staff statistics pages share: reading the filter and refusing a bad one.</summary>
public static class StatisticsPage
{
    /// <summary>The report, or the refusal: 400 for a filter that cannot be read, 404 for a year or programme that does not exist.</summary>
    public static async Task<(StatisticsReport? Report, IActionResult? Result)> LoadAsync(
        TrainingStatistics statistics, ModelStateDictionary modelState, int? year, string? programme, string? funding, bool suppressed, CancellationToken cancellationToken)
    {
        if (!modelState.IsValid || !StatisticsFilter.TryParseFunding(funding, out var source))
        {
            return (null, new BadRequestResult());
        }

        var filter = new StatisticsFilter(year ?? statistics.CurrentYear, string.IsNullOrWhiteSpace(programme) ? null : programme.Trim(), source);
        var report = await statistics.ReportAsync(filter, suppressed, cancellationToken);
        return report is null ? (null, new NotFoundResult()) : (report, null);
    }
}
