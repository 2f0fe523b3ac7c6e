using System.Globalization;

namespace Portal.Statistics;

/// <summary>
/// Numbers as Indonesians write them ("1.234", "45,6%", "2,5 hari"), for /statistik and the staff
/// funnel alike, and the one spelling of a suppressed figure.
/// </summary>
public static class IdNumbers
{
    public static string Count(long value) => value.ToString("#,0", Wib.Culture);

    /// <summary>One decimal always, so a column of rates lines up: "45,0%".</summary>
    public static string Percent(decimal value) => value.ToString("0.0", Wib.Culture) + "%";

    /// <summary><paramref name="part"/> of <paramref name="whole"/> in percent, one decimal rounded half away from zero; null over zero.</summary>
    public static decimal? Rate(long part, long whole) =>
        whole == 0 ? null : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);

    /// <summary>The share as text ("45,6%"), empty when there is no whole to share.</summary>
    public static string Share(long part, long whole) => Rate(part, whole) is { } rate ? Percent(rate) : string.Empty;

    public static string Days(double days) => $"{days.ToString("0.0", Wib.Culture)} hari";

    /// <summary>"&lt; 5": how a page shows a count too small to publish.</summary>
    public static string Suppressed(int threshold) => "< " + threshold.ToString(CultureInfo.InvariantCulture);

    /// <summary>How a page and a CSV show a cell hidden to protect a small one (and a rate over a hidden count).</summary>
    public const string Hidden = "x";

    /// <summary>A published cell as text: its count or rate, "&lt; 5", "x", or a dash for a rate over zero.</summary>
    public static string Cell(PublishedCell cell, ColumnKind kind, int threshold) =>
        cell.Suppression == Suppression.Small ? Suppressed(threshold)
        : cell.Suppressed ? Hidden
        : cell.Value is not { } value ? "–"
        : kind == ColumnKind.Rate ? Percent(value)
        : Count((long)value);
}
