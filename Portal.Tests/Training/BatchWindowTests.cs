using Portal.Shared;
using Portal.Training;

namespace Portal.Tests.Training;

/// <summary>
/// The registration window is one rule run in two places: by SQLite in queries (the home page's
/// open batches, the staff dashboard's counts) and in memory (a batch's badge, a search hit).
/// Both must agree at the edges, where an off-by-one shows.
/// </summary>
public class BatchWindowTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly DateTime OpensWib = new(2025, 11, 20, 8, 0, 0);

    // The last minute one may apply, as a content file writes it: closing is the minute after.
    private static readonly DateTime LastMinuteWib = new(2025, 11, 30, 23, 59, 0);

    [Theory]
    [InlineData("2025-11-20T07:59:59", BatchStatus.Upcoming)]
    [InlineData("2025-11-20T08:00:00", BatchStatus.Open)]
    [InlineData("2025-11-30T23:59:59", BatchStatus.Open)]
    [InlineData("2025-12-01T00:00:00", BatchStatus.Closed)]
    [InlineData("2026-01-01T00:00:00", BatchStatus.Closed)]
    public async Task The_database_and_memory_agree_on_a_batch_status(string nowWib, BatchStatus expected)
    {
        var batch = await factory.AddBatchAsync(TestData.Batch(TestData.Programme(), OpensWib, LastMinuteWib));
        var now = Wib.ToUtc(DateTime.Parse(nowWib, Wib.Culture));

        var (open, upcoming) = await factory.WithDbAsync(async db => (
            await db.Batches.Where(b => b.Id == batch.Id).AnyAsync(Batch.OpenAt(now)),
            await db.Batches.Where(b => b.Id == batch.Id).AnyAsync(Batch.UpcomingAt(now))));

        Assert.Equal(expected, batch.StatusAt(now));
        Assert.Equal(expected == BatchStatus.Open, open);
        Assert.Equal(expected == BatchStatus.Upcoming, upcoming);
    }

    [Fact]
    public async Task The_window_query_compares_columns_with_a_parameter()
    {
        var sql = await factory.WithDbAsync(db => Task.FromResult(db.Batches.Where(Batch.OpenAt(DateTime.UtcNow)).ToQueryString()));

        // PostgreSQL's SQL leaves the alias unquoted (b."…"), SQLite's quotes it ("b"."…").
        Assert.Matches("\"?b\"?\\.\"RegistrationOpensAtUtc\" <= @", sql);
        Assert.Matches("\"?b\"?\\.\"RegistrationClosesAtUtc\" > @", sql);
    }

    [Theory]
    [InlineData("2025-12-01T00:00:00", "2025-11-30T23:59:00")]
    [InlineData("2025-12-01T00:00:30", "2025-12-01T00:00:00")]
    [InlineData("2025-11-30T17:00:00", "2025-11-30T16:59:00")]
    public void The_last_registration_minute_is_the_last_whole_minute_before_closing(string closesWib, string lastMinuteWib)
    {
        var closesUtc = Wib.ToUtc(DateTime.Parse(closesWib, Wib.Culture));

        Assert.Equal(Wib.ToUtc(DateTime.Parse(lastMinuteWib, Wib.Culture)), Batch.LastRegistrationMinute(closesUtc));
    }
}
