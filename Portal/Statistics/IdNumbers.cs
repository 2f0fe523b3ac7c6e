using System.Globalization;

namespace Portal.Statistics;

/// <summary>Numbers as Indonesians write them ("1.234", "45,6%"), and the one spelling of a suppressed figure.</summary>
public static class IdNumbers
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("id-ID");

    public static string Count(long value) => value.ToString("#,0", Culture);

    /// <summary>One decimal always, so a column of rates lines up: "45,0%".</summary>
    public static string Percent(decimal value) => value.ToString("0.0", Culture) + "%";

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
