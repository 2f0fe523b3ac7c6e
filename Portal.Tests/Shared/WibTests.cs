using System.Globalization;
using Portal.Shared;

namespace Portal.Tests.Shared;

public class WibTests
{
    [Theory]
    [InlineData(2025, 11, 24, 3, 0, "Senin, 24 November 2025")]
    [InlineData(2025, 11, 23, 17, 0, "Senin, 24 November 2025")] // 00:00 WIB is still Sunday in UTC
    [InlineData(2025, 8, 17, 1, 0, "Minggu, 17 Agustus 2025")]
    public void Long_dates_are_Indonesian_and_in_WIB(int year, int month, int day, int hourUtc, int minuteUtc, string expected)
    {
        var utc = new DateTime(year, month, day, hourUtc, minuteUtc, 0, DateTimeKind.Utc);
        Assert.Equal(expected, Wib.LongDate(utc));
    }

    [Fact]
    public void Times_are_shown_with_WIB_and_a_dot_between_hours_and_minutes()
    {
        var utc = Wib.ToUtc(new DateTime(2025, 11, 24, 23, 59, 0));
        Assert.Equal(new DateTime(2025, 11, 24, 16, 59, 0, DateTimeKind.Utc), utc);
        Assert.Equal("Senin, 24 November 2025 pukul 23.59 WIB", Wib.LongDateTime(utc));
        Assert.Equal("2025-11-24T23:59:00+07:00", Wib.Iso(utc));
    }

    [Theory]
    [InlineData("2026-12-16", "2026-12-16", "Rabu, 16 Desember 2026")]
    [InlineData("2026-12-16", "2026-12-20", "16–20 Desember 2026")]
    [InlineData("2026-11-25", "2026-12-16", "25 November – 16 Desember 2026")]
    [InlineData("2026-12-29", "2027-01-09", "29 Desember 2026 – 9 Januari 2027")]
    public void Date_ranges_write_months_out_and_the_year_once(string first, string last, string expected)
    {
        Assert.Equal(expected, Wib.DateRange(DateOnly.Parse(first, CultureInfo.InvariantCulture), DateOnly.Parse(last, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-11-25 08:00", "2026-12-16 23:59", "25 November – 16 Desember 2026 pukul 23.59 WIB")]
    [InlineData("2026-12-16 00:00", "2026-12-16 12:00", "Rabu, 16 Desember 2026 pukul 12.00 WIB")]
    [InlineData("2026-12-31 07:00", "2027-01-01 06:59", "31 Desember 2026 – 1 Januari 2027 pukul 06.59 WIB")]
    public void A_registration_window_ends_with_its_last_minute_in_WIB(string firstWib, string lastMinuteWib, string expected)
    {
        var first = Wib.ToUtc(DateTime.Parse(firstWib, CultureInfo.InvariantCulture));
        var lastMinute = Wib.ToUtc(DateTime.Parse(lastMinuteWib, CultureInfo.InvariantCulture));

        Assert.Equal(expected, Wib.DateRangeUntil(first, lastMinute));
    }
}
