using System.Data.Common;

namespace Portal.Data;

/// <summary>
/// One background loop's hold on a <see cref="Lease"/>, for work that must run on one node of the
/// cluster at a time (sending queued email, queueing batch reminders). The loop asks
/// <see cref="HoldAsync"/> before each piece of work: the first node to ask takes the lease, the
/// holder renews it once a third of its time has passed (so a busy loop writes no more than that),
/// and another node takes it only once it has run out, which is how the work moves when its holder
/// dies. On a clean stop the holder releases it, so the work moves at once. Expiry is judged on the
/// app's TimeProvider. Not thread-safe: one per loop.
/// </summary>
public sealed class HeldLease(string name, TimeSpan duration, IServiceScopeFactory scopes, TimeProvider clock, ILogger logger)
{
    private DateTimeOffset? _renewedAt;

    /// <summary>Whether this node holds the lease now (taken or renewed if need be).</summary>
    public async Task<bool> HoldAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_renewedAt is { } renewed && now - renewed < duration / 3)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        var held = await scope.ServiceProvider.GetRequiredService<ClusterLease>().TryAcquireAsync(name, duration, cancellationToken);
        if (held && _renewedAt is null)
        {
            logger.LogInformation("This node took the lease {Lease}", name);
        }

        _renewedAt = held ? now : null;
        return held;
    }

    /// <summary>Gives the lease up on a clean stop; should the database be away, it runs out by itself instead.</summary>
    public async Task ReleaseAsync()
    {
        if (_renewedAt is null)
        {
            return;
        }

        _renewedAt = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await scope.ServiceProvider.GetRequiredService<ClusterLease>().ReleaseAsync(name, timeout.Token);
        }
        catch (Exception e) when (e is DbException or OperationCanceledException or InvalidOperationException)
        {
            logger.LogWarning("The lease {Lease} was not released ({Reason}); another node takes it when it runs out", name, e.Message);
        }
    }
}
