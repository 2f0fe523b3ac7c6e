using Portal.Data;

namespace Portal.Tests.Data;

/// <summary>
/// The lease that keeps once-per-cluster work on one node: one holder at a time, renewed by its
/// holder, taken over when it expires or is released, and one winner when nodes race for a new name.
/// </summary>
public sealed class ClusterLeaseTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task One_node_holds_a_lease_until_it_expires_then_another_takes_it()
    {
        var name = "test-" + Guid.NewGuid().ToString("N");

        Assert.True(await TryAcquireAsync("node-a", name));
        Assert.False(await TryAcquireAsync("node-b", name));

        factory.Clock.Advance(Ttl / 2);
        Assert.True(await TryAcquireAsync("node-a", name)); // renewed: another half ttl from here
        factory.Clock.Advance(Ttl * 0.75);
        Assert.False(await TryAcquireAsync("node-b", name));

        factory.Clock.Advance(Ttl);
        Assert.True(await TryAcquireAsync("node-b", name));
        Assert.False(await TryAcquireAsync("node-a", name));
        Assert.Equal("node-b", await factory.WithDbAsync(db => db.Leases.Where(l => l.Name == name).Select(l => l.Holder).SingleAsync()));
    }

    [Fact]
    public async Task A_released_lease_is_taken_by_another_node_at_once()
    {
        var name = "test-" + Guid.NewGuid().ToString("N");
        Assert.True(await TryAcquireAsync("node-a", name));

        await factory.WithDbAsync(db => new ClusterLease(db, new ClusterNode("node-a"), factory.Clock).ReleaseAsync(name, CancellationToken.None));

        Assert.True(await TryAcquireAsync("node-b", name));
    }

    [Fact]
    public async Task Nodes_racing_for_a_new_lease_get_exactly_one_holder()
    {
        var name = "test-" + Guid.NewGuid().ToString("N");
        _ = factory.Services; // the app starts once, before the race (starting it is not thread-safe)

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => TryAcquireAsync($"node-{i}", name))));

        Assert.Single(results, won => won);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Leases.CountAsync(l => l.Name == name)));
    }

    private Task<bool> TryAcquireAsync(string node, string name) =>
        factory.WithDbAsync(db => new ClusterLease(db, new ClusterNode(node), factory.Clock).TryAcquireAsync(name, Ttl, CancellationToken.None));
}
