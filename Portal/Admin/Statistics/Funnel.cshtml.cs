namespace Portal.Admin.Statistics;

/// <summary>Every batch of one year with its funnel, for the office's reports (/admin/statistik/tahapan?tahun=2025).</summary>
public class FunnelModel(ApplicationFunnel funnel, TimeProvider clock) : PageModel
{
    /// <summary>The query name of the year shown.</summary>
    public const string YearParameter = "tahun";

    [BindProperty(SupportsGet = true, Name = YearParameter)]
    public int? RequestedYear { get; set; }

    /// <summary>The year shown: the one asked for, or the current year in WIB.</summary>
    public int Year { get; private set; }

    /// <summary>Years with batches, and the year shown even when it has none.</summary>
    public List<int> Years { get; private set; } = [];

    public List<BatchFunnel> Batches { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Year = RequestedYear is >= 2000 and <= 2100 ? RequestedYear.Value : Wib.Today(clock).Year;
        Years = await funnel.YearsAsync(cancellationToken);
        if (!Years.Contains(Year))
        {
            Years = [.. Years.Append(Year).OrderDescending()];
        }

        Batches = await funnel.ForYearAsync(Year, cancellationToken);
    }
}
