using Portal.Content;

namespace Portal.Tests.Content;

public class ContentDatesTests
{
    private static readonly DateOnly Today = new(2025, 11, 26);

    [Theory]
    [InlineData("2025-11-24", false, "2025-11-24 00:00", false)]
    [InlineData("2025-11-24 10:30", false, "2025-11-24 10:30", true)]
    [InlineData("today+14", true, "2025-12-10 00:00", false)]
    [InlineData("today-3 23:59", true, "2025-11-23 23:59", true)]
    [InlineData("TODAY + 0", true, "2025-11-26 00:00", false)]
    public void Valid_dates_are_read_as_WIB_wall_clock(string text, bool allowRelative, string expected, bool expectedHasTime)
    {
        Assert.True(ContentDates.TryParse(text, Today, allowRelative, out var wib, out var hasTime, out _));
        Assert.Equal(expected, wib.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expectedHasTime, hasTime);
    }

    [Theory]
    [InlineData("2025-02-30", "not a real date")]
    [InlineData("24/11/2025", "not a real date")]
    [InlineData("2025-11-24 25:00", "not a real date")]
    [InlineData("", "is missing")]
    [InlineData("today+5", "only demo batches")]
    [InlineData("kemarin", "not a real date")]
    public void Impossible_or_misplaced_dates_are_refused_with_a_reason(string text, string reason)
    {
        Assert.False(ContentDates.TryParse(text, Today, allowRelative: false, out _, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deadline_at_23_59_lasts_to_the_end_of_that_minute_and_a_bare_date_to_the_end_of_the_day()
    {
        Assert.Equal(new DateTime(2025, 11, 24, 17, 0, 0, DateTimeKind.Utc), ContentDates.EndUtc(new DateTime(2025, 11, 24, 23, 59, 0), hasTime: true));
        Assert.Equal(new DateTime(2025, 11, 24, 17, 0, 0, DateTimeKind.Utc), ContentDates.EndUtc(new DateTime(2025, 11, 24), hasTime: false));
    }
}
