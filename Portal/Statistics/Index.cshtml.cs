namespace Portal.Statistics;

/// <summary>
/// /statistik: the published figures for a year, a programme and a funding source, suppressed.
/// Not in the output cache: its eviction does not see application changes (see <see cref="StatisticsCache"/>).
/// </summary>
public class IndexModel(TrainingStatistics statistics) : StatisticsPageModel(statistics)
{
    public override bool Suppressed => true;

    public override string PageName => "/Statistics/Index";
}

/// <summary>
/// What the public and the staff statistics pages share: the filter as query parameters, and the
/// refusals (400 for a filter that cannot be read, 404 for a year or programme that does not exist).
/// </summary>
public abstract class StatisticsPageModel(TrainingStatistics statistics) : PageModel
{
    [BindProperty(SupportsGet = true, Name = StatisticsFilter.YearKey)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = StatisticsFilter.ProgrammeKey)]
    public string? Programme { get; set; }

    [BindProperty(SupportsGet = true, Name = StatisticsFilter.FundingKey)]
    public string? Funding { get; set; }

    public StatisticsReport Report { get; private set; } = null!;

    /// <summary>Small counts hidden (the public page) or every figure shown (staff).</summary>
    public abstract bool Suppressed { get; }

    /// <summary>The page the filter form submits to: this one.</summary>
    public abstract string PageName { get; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || !StatisticsFilter.TryParseFunding(Funding, out var source))
        {
            return BadRequest();
        }

        var filter = new StatisticsFilter(Year ?? statistics.CurrentYear, string.IsNullOrWhiteSpace(Programme) ? null : Programme.Trim(), source);
        if (await statistics.ReportAsync(filter, Suppressed, cancellationToken) is not { } report)
        {
            return NotFound();
        }

        Report = report;
        return Page();
    }
}
