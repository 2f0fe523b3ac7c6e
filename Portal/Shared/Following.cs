namespace Portal.Shared;

/// <summary>
/// The loop of a background service that follows a table (the search change log, the page
/// cache's view of it, the mail queue) until the host stops. A failed look (the database briefly
/// locked or away) is logged and tried again after a pause: the rows stay in the table, so nothing
/// is lost by waiting, and a failure never ends the loop. While the database is out of reach
/// (<see cref="DatabaseUnavailable"/>) only the first failed look is logged, not one every pause
/// for as long as the outage lasts; the loop carries on by itself once the database is back.
/// </summary>
public static class Following
{
    /// <param name="lookAsync">One look at the table, including any wait before the next.</param>
    /// <param name="pauseAfterFailure">How long to wait after a failed look.</param>
    /// <param name="logFailure">Logs a failed look, in the follower's own words.</param>
    public static async Task RunAsync(
        Func<CancellationToken, Task> lookAsync, TimeSpan pauseAfterFailure, Action<Exception> logFailure, CancellationToken stoppingToken)
    {
        var inOutage = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await lookAsync(stoppingToken);
                inOutage = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                var unavailable = DatabaseUnavailable.Is(e);
                if (!(unavailable && inOutage))
                {
                    logFailure(e);
                }

                inOutage = unavailable;
                await Task.Delay(pauseAfterFailure, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
