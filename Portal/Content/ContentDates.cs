using System.Globalization;
using System.Text.RegularExpressions;

namespace Portal.Content;

/// <summary>
/// Dates as written in content files, always WIB: "2025-11-24", "2025-11-24 10:00", and for demo
/// batches only, days relative to today: "today+14", "today-3 23:59".
/// </summary>
public static partial class ContentDates
{
    private static readonly string[] AbsoluteFormats = ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm"];

    /// <summary>Parses to a WIB wall-clock time; <paramref name="hasTime"/> says whether a time was written.</summary>
    public static bool TryParse(string? text, DateOnly today, bool allowRelative, out DateTime wib, out bool hasTime, out string error)
    {
        wib = default;
        hasTime = false;
        error = string.Empty;
        var value = (text ?? string.Empty).Trim();
        if (value.Length == 0)
        {
            error = "is missing";
            return false;
        }

        var relative = Relative().Match(value);
        if (relative.Success)
        {
            if (!allowRelative)
            {
                error = $"'{value}' is relative, which only demo batches (demo: true) may use";
                return false;
            }

            var day = today.AddDays(int.Parse(relative.Groups["sign"].Value + relative.Groups["days"].Value, CultureInfo.InvariantCulture));
            var time = TimeOnly.MinValue;
            hasTime = relative.Groups["time"].Success;
            if (hasTime && !TimeOnly.TryParseExact(relative.Groups["time"].Value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time))
            {
                error = $"'{value}' has an impossible time";
                return false;
            }

            wib = day.ToDateTime(time);
            return true;
        }

        if (DateTime.TryParseExact(value, AbsoluteFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out wib))
        {
            hasTime = value.Length > 10;
            return true;
        }

        error = $"'{value}' is not a real date in the form YYYY-MM-DD or YYYY-MM-DD HH:mm";
        return false;
    }

    /// <summary>Start of a window: a bare date means 00:00 WIB that day.</summary>
    public static DateTime StartUtc(DateTime wib) => Wib.ToUtc(wib);

    /// <summary>
    /// End of a window, exclusive: a bare date means through the end of that day, and "23:59"
    /// means through the end of that minute, as people read a deadline.
    /// </summary>
    public static DateTime EndUtc(DateTime wib, bool hasTime) => Wib.ToUtc(hasTime ? wib.AddMinutes(1) : wib.Date.AddDays(1));

    [GeneratedRegex(@"^today\s*(?<sign>[+-])\s*(?<days>\d{1,4})(?:\s+(?<time>\d{1,2}:\d{2}))?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Relative();
}
