namespace Portal.Shared;

/// <summary>
/// Wakes a polling background loop in this process as soon as there is something for it, instead
/// of at the next poll; other nodes, which cannot be woken, still find the rows by polling. Any
/// number of wake-ups before the loop looks again count as one: one look finds everything
/// committed so far.
/// </summary>
public abstract class Wakeup : IDisposable
{
    private readonly SemaphoreSlim _wakeup = new(0, 1);

    /// <summary>Returns when woken or when the poll interval has passed.</summary>
    public Task WaitAsync(TimeSpan pollInterval, CancellationToken cancellationToken) =>
        _wakeup.WaitAsync(pollInterval, cancellationToken);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected void Wake()
    {
        if (_wakeup.CurrentCount == 0)
        {
            try
            {
                _wakeup.Release();
            }
            catch (SemaphoreFullException)
            {
                // Woken by another at the same instant: the one wake-up covers both.
            }
        }
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _wakeup.Dispose();
        }
    }
}
