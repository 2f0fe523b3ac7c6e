namespace Portal.Data;

/// <summary>
/// A named right to do work that must happen on one node of the cluster at a time (sending queued
/// email, pruning the search log). Held by <see cref="Holder"/> until <see cref="ExpiresAtUtc"/>;
/// the holder renews it before then, and when it dies the lease expires and another node takes it.
/// </summary>
public class Lease
{
    public const int NameMaxLength = 100;

    public string Name { get; set; } = "";

    /// <summary>The <see cref="ClusterNode"/> name of the holder.</summary>
    public string Holder { get; set; } = "";

    public DateTime ExpiresAtUtc { get; set; }
}

/// <summary>
/// Takes and renews <see cref="Lease"/>s for this node with one conditional UPDATE ("the row is
/// mine, or its holder let it expire"), so two nodes asking at once cannot both win on either
/// provider; the first ask for a name inserts its row, and losing that insert race is a refusal.
/// Expiry is judged with the app's clock on each node, so the nodes' clocks must agree to well
/// within a lease's time to live. Call outside a transaction of your own (a failed insert aborts
/// a PostgreSQL transaction). Scoped, like the DbContext it uses.
/// </summary>
public sealed class ClusterLease(PortalDbContext db, ClusterNode node, TimeProvider clock)
{
    /// <summary>
    /// Takes the lease <paramref name="name"/>, or renews it when this node holds it, until now +
    /// <paramref name="ttl"/>. False when another node holds it and it has not expired. A holder
    /// renews well before the ttl ends (e.g. every ttl/3) and stops the work when renewal fails.
    /// </summary>
    public async Task<bool> TryAcquireAsync(string name, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now + ttl;
        var me = node.Name;
        var taken = await db.Set<Lease>()
            .Where(l => l.Name == name && (l.Holder == me || l.ExpiresAtUtc < now))
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.Holder, me).SetProperty(l => l.ExpiresAtUtc, expires), cancellationToken);
        if (taken > 0)
        {
            return true;
        }

        if (await db.Set<Lease>().AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }

        var lease = new Lease { Name = name, Holder = me, ExpiresAtUtc = expires };
        db.Add(lease);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node inserted the row first (the primary key refused ours): it holds the lease.
            return false;
        }
        finally
        {
            db.Entry(lease).State = EntityState.Detached;
        }
    }

    /// <summary>Gives the lease up at once (on shutdown), so another node need not wait for it to expire.</summary>
    public async Task ReleaseAsync(string name, CancellationToken cancellationToken)
    {
        var me = node.Name;
        var past = clock.GetUtcNow().UtcDateTime.AddSeconds(-1);
        await db.Set<Lease>()
            .Where(l => l.Name == name && l.Holder == me)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.ExpiresAtUtc, past), cancellationToken);
    }
}
