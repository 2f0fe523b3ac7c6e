namespace Portal.Tests.Infrastructure;

/// <summary>
/// Waits for something that happens in the background (the search index following a save) with
/// a short poll and a generous bound. It asserts that the state is reached, never how fast.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public static Task TrueAsync(Func<Task<bool>> condition, string what) => TrueAsync(condition, what, Bound);

    /// <param name="bound">For a background loop that pauses after a failed look (a database locked by a start-up import under load): longer than its pause.</param>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Still not true after {bound.TotalSeconds} s: {what}");
            }

            await Task.Delay(20);
        }
    }
}
