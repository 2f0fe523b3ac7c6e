using Portal.Statistics;

namespace Portal.Admin.Statistics;

/// <summary>Every batch of one year with its funnel, for the office's reports (/admin/statistik/tahapan?tahun=2025).</summary>
public class FunnelModel(ApplicationFunnel funnel, TrainingStatistics statistics) : PageModel
{
    [BindProperty(SupportsGet = true, Name = StatisticsFilter.YearKey)]
    public int? RequestedYear { get; set; }

    /// <summary>The year shown: the one asked for, or the current year in WIB.</summary>
    public int Year { get; private set; }

    /// <summary>Years with batches, and the year shown even when it has none.</summary>
    public List<int> Years { get; private set; } = [];

    public List<BatchFunnel> Batches { get; private set; } = [];

    /// <summary>The same years as /admin/statistik: another answers 404 there and here.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Year = RequestedYear ?? statistics.CurrentYear;
        if (!statistics.IsKnownYear(Year))
        {
            return NotFound();
        }

        Years = await funnel.YearsAsync(cancellationToken);
        if (!Years.Contains(Year))
        {
            Years = [.. Years.Append(Year).OrderDescending()];
        }

        Batches = await funnel.ForYearAsync(Year, cancellationToken);
        return Page();
    }
}
