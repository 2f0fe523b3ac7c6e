using Microsoft.Extensions.Time.Testing;
using Portal.Search;

namespace Portal.Tests.Search;

public class SearchSyncTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The follower reads the changes, then waits the given seconds of real time and reads them
    /// again. The applied position never passes a missing id until this follower has seen it
    /// missing for the grace period, when it is taken for a rolled-back transaction.
    /// </summary>
    [Theory]
    [InlineData(10, "11 12 13", 0, 13)]
    [InlineData(10, "11 13 14", 0, 11)]
    [InlineData(10, "12 13", 0, 10)]
    [InlineData(10, "12 13", 9, 10)]
    [InlineData(10, "12 13", 10, 13)]
    [InlineData(10, "11 13 15", 11, 15)]
    [InlineData(0, "1", 0, 1)]
    [InlineData(0, "500 501", 60, 501)]
    public void The_applied_position_waits_at_a_gap_for_the_grace_period(long after, string changes, int waitedSeconds, long expected)
    {
        var monotonic = new FakeTimeProvider();
        var gaps = new CommitGaps(Grace, monotonic);
        var rows = changes.Split(' ').Select(id => new SearchChange { Id = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture) }).ToList();
        gaps.Saw(rows[^1].Id);

        monotonic.Advance(TimeSpan.FromSeconds(waitedSeconds));

        Assert.Equal(expected, SearchSync.AppliedThrough(after, rows, gaps));
    }

    [Fact]
    public void A_gap_is_waited_for_from_when_a_newer_id_was_first_seen_not_from_the_older_gap()
    {
        var monotonic = new FakeTimeProvider();
        var gaps = new CommitGaps(Grace, monotonic);
        gaps.Saw(13); // 12 missing
        monotonic.Advance(Grace);
        gaps.Saw(16); // 15 missing, only just seen

        Assert.Equal(14, SearchSync.AppliedThrough(11, Rows(13, 14, 16), gaps));
        gaps.Applied(14);
        monotonic.Advance(Grace / 2);
        Assert.Equal(14, SearchSync.AppliedThrough(14, Rows(16), gaps));
        monotonic.Advance(Grace / 2);
        Assert.Equal(16, SearchSync.AppliedThrough(14, Rows(16), gaps));
    }

    private static List<SearchChange> Rows(params long[] ids) => ids.Select(id => new SearchChange { Id = id }).ToList();
}
