using System.Net.Sockets;
using Npgsql;
using Portal.Shared;

namespace Portal.Tests.Shared;

/// <summary>A follower's loop outlives failures, and logs an outage once rather than once per pause.</summary>
public class FollowingTests
{
    [Fact]
    public async Task An_outage_is_logged_once_and_the_loop_goes_on_when_the_database_is_back()
    {
        var (logged, looks) = await RunAsync([Unavailable(), Unavailable(), Unavailable(), null, Unavailable(), Unavailable()]);

        Assert.Equal(2, logged.Count);
        Assert.Equal(7, looks);
    }

    [Fact]
    public async Task Other_failures_are_logged_every_time()
    {
        var (logged, _) = await RunAsync([new InvalidOperationException("a bug"), new InvalidOperationException("a bug"), Unavailable()]);

        Assert.Equal(3, logged.Count);
    }

    private static NpgsqlException Unavailable() => new("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));

    /// <summary>Runs the loop over the given outcomes of one look each (null: it succeeded), then stops it at the next look.</summary>
    private static async Task<(List<Exception> Logged, int Looks)> RunAsync(Exception?[] outcomes)
    {
        var logged = new List<Exception>();
        var looks = 0;
        using var stop = new CancellationTokenSource();
        await Following.RunAsync(
            _ =>
            {
                if (looks == outcomes.Length)
                {
                    stop.Cancel();
                }

                var outcome = looks < outcomes.Length ? outcomes[looks] : null;
                looks++;
                return outcome is null ? Task.CompletedTask : Task.FromException(outcome);
            },
            TimeSpan.Zero,
            logged.Add,
            stop.Token);
        return (logged, looks);
    }
}
