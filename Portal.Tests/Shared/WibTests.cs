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
}
