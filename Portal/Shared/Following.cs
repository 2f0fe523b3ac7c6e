namespace Portal.Shared;

/// <summary>
/// The loop of a background service that follows a table (the search change log, the page
/// cache's view of it, the mail queue) until the host stops. A failed look (the database briefly
/// locked or away) is logged and tried again after a pause: the rows stay in the table, so nothing
/// is lost by waiting, and a failure never ends the loop.
/// </summary>
public static class Following
{
    /// <param name="lookAsync">One look at the table, including any wait before the next.</param>
    /// <param name="pauseAfterFailure">How long to wait after a failed look.</param>
    /// <param name="logFailure">Logs a failed look, in the follower's own words.</param>
    public static async Task RunAsync(
        Func<CancellationToken, Task> lookAsync, TimeSpan pauseAfterFailure, Action<Exception> logFailure, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await lookAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logFailure(e);
                await Task.Delay(pauseAfterFailure, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
