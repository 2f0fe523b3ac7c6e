namespace Portal.Statistics;

/// <summary>The published statistics ("Portal:Statistics").</summary>
public sealed class StatisticsOptions
{
    public const string Section = "Portal:Statistics";

    /// <summary>
    /// Counts of people from 1 to this less one are published as "&lt; N". Five is the usual rule
    /// of statistical offices for small areas; a larger number hides more, a smaller one risks
    /// singling people out, so below 3 is refused.
    /// </summary>
    [Range(3, 100)]
    public int SuppressionThreshold { get; set; } = 5;

    /// <summary>The licence the figures are published under, named on the page, in the JSON and beside each download.</summary>
    [Required]
    public string LicenceName { get; set; } = "CC BY 4.0";

    [Required]
    [Url]
    public string LicenceUrl { get; set; } = "https://creativecommons.org/licenses/by/4.0/deed.id";

    /// <summary>How a re-user credits the data (the "BY" of the licence).</summary>
    [Required]
    public string Source { get; set; } = "Dinas Tenaga Kerja dan Transmigrasi Kota Serang, Portal Pelatihan Kerja Kota Serang";

    /// <summary>The earliest year anyone may ask for; earlier years answer 404.</summary>
    [Range(2000, 2100)]
    public int FirstYear { get; set; } = 2020;
}
