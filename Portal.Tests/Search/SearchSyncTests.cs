using Portal.Search;

namespace Portal.Tests.Search;

public class SearchSyncTests
{
    private static readonly DateTime GraceStart = new(2025, 11, 26, 3, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Changes are "id@seconds after the grace start" (negative: older than the grace period).
    /// The applied position never passes a missing id until that gap is older than the grace
    /// period, when it is taken for a rolled-back transaction.
    /// </summary>
    [Theory]
    [InlineData(10, "11@5 12@5 13@5", 13)]
    [InlineData(10, "11@5 13@5 14@5", 11)]
    [InlineData(10, "12@5 13@5", 10)]
    [InlineData(10, "12@-1 13@5", 13)]
    [InlineData(10, "11@-5 13@-1 15@5", 13)]
    [InlineData(0, "1@5", 1)]
    [InlineData(0, "500@-60 501@-60", 501)]
    public void The_applied_position_waits_at_a_gap_until_it_is_old(long after, string changes, long expected)
    {
        var rows = changes.Split(' ').Select(c => c.Split('@')).Select(p => new SearchChange
        {
            Id = long.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture),
            ChangedAtUtc = GraceStart.AddSeconds(int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)),
        });

        Assert.Equal(expected, SearchSync.AppliedThrough(after, rows, GraceStart));
    }
}
