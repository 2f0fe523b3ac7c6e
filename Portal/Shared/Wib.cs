using System.Globalization;

namespace Portal.Shared;

/// <summary>
/// Western Indonesian Time (UTC+7), the zone of Kota Serang. Every time a person sees or sets is
/// WIB whatever the server's zone; the database holds UTC. Indonesia has no daylight saving, so a
/// fixed offset is exact and needs no time-zone database on the server.
/// </summary>
public static class Wib
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>Indonesian names of days and months ("Senin, 24 November 2025").</summary>
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("id-ID");

    public static DateTime ToWib(DateTime utc) =>
        DateTime.SpecifyKind(AsUtc(utc) + Offset, DateTimeKind.Unspecified);

    /// <summary>Converts a wall-clock time in WIB (as typed or written in content) to UTC.</summary>
    public static DateTime ToUtc(DateTime wibWallClock) =>
        DateTime.SpecifyKind(DateTime.SpecifyKind(wibWallClock, DateTimeKind.Unspecified) - Offset, DateTimeKind.Utc);

    public static DateTime UtcNow(TimeProvider clock) => clock.GetUtcNow().UtcDateTime;

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToWib(UtcNow(clock)));

    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(ToWib(utc));

    /// <summary>"Senin, 24 November 2025".</summary>
    public static string LongDate(DateTime utc) => ToWib(utc).ToString("dddd, d MMMM yyyy", Culture);

    public static string LongDate(DateOnly date) => date.ToString("dddd, d MMMM yyyy", Culture);

    /// <summary>"24 November 2025": a day that is not an event (a birth date), and each end of a range.</summary>
    public static string CalendarDate(DateOnly date) => date.ToString("d MMMM yyyy", Culture);

    /// <summary>
    /// The public pages' one style for a span of days, the year written once: "16–20 Desember 2026",
    /// "25 November – 16 Desember 2026", "29 Desember 2026 – 9 Januari 2027"; a single day is a
    /// <see cref="LongDate(DateOnly)"/>.
    /// </summary>
    public static string DateRange(DateOnly first, DateOnly last)
    {
        if (first == last)
        {
            return LongDate(first);
        }

        if (first.Year != last.Year)
        {
            return $"{CalendarDate(first)} – {CalendarDate(last)}";
        }

        return first.Month == last.Month
            ? $"{first.Day}–{CalendarDate(last)}"
            : $"{first.ToString("d MMMM", Culture)} – {CalendarDate(last)}";
    }

    /// <summary>A window that ends at a minute: "25 November – 16 Desember 2026 pukul 23.59 WIB".</summary>
    public static string DateRangeUntil(DateTime firstUtc, DateTime lastMinuteUtc) =>
        $"{DateRange(DateOf(firstUtc), DateOf(lastMinuteUtc))} {Time(lastMinuteUtc)}";

    /// <summary>"pukul 23.59 WIB".</summary>
    public static string Time(DateTime utc) => ToWib(utc).ToString("'pukul' HH.mm 'WIB'", Culture);

    /// <summary>"24 Nov 2025", for staff tables only; public pages write months out (<see cref="DateRange"/>).</summary>
    public static string ShortDate(DateOnly date) => date.ToString("d MMM yyyy", Culture);

    public static string ShortDate(DateTime utc) => ShortDate(DateOf(utc));

    /// <summary>"Senin, 24 November 2025 pukul 10.00 WIB".</summary>
    public static string LongDateTime(DateTime utc) =>
        ToWib(utc).ToString("dddd, d MMMM yyyy 'pukul' HH.mm 'WIB'", Culture);

    /// <summary>ISO 8601 with the +07:00 offset, for &lt;time datetime&gt; and feeds.</summary>
    public static string Iso(DateTime utc) => new DateTimeOffset(ToWib(utc), Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static DateTimeOffset AsOffset(DateTime utc) => new(ToWib(utc), Offset);

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
