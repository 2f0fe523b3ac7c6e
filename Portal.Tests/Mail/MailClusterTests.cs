using Portal.Data;
using Portal.Mail;

namespace Portal.Tests.Mail;

/// <summary>
/// Several nodes on one database, each writing to its own outbox: one node at a time sends the
/// queue (the holder of the mail lease), whichever node queued the email, and another node takes
/// over when the holder stops or dies.
/// </summary>
public sealed class MailClusterTests : IDisposable
{
    /// <summary>Each node looks at the queue every second, so that mail queued on the other node goes out quickly.</summary>
    private static readonly Dictionary<string, string?> QuickLooks = new() { [$"{MailOptions.Section}:{nameof(MailOptions.PollIntervalSeconds)}"] = "1" };

    private readonly SharedDatabase _database = new();

    [Fact]
    public async Task Mail_queued_on_either_of_two_nodes_is_sent_once_by_the_node_that_holds_the_lease()
    {
        using var nodeA = await StartedNodeAsync("node-a");
        using var nodeB = await StartedNodeAsync("node-b");
        var to = TestAccounts.NewEmail();
        var subjects = Enumerable.Range(1, 20).Select(n => $"Uji: kluster {n:00}").ToList();

        await Task.WhenAll(subjects.Select((subject, n) => (n % 2 == 0 ? nodeA : nodeB).QueueAsync(new OutgoingMail(to, subject, "Isi."))));

        Assert.Equal(subjects, nodeA.Outbox.To(to).Select(m => m.Subject).Order(StringComparer.Ordinal));
        Assert.Empty(nodeB.Outbox.To(to));
        Assert.Equal("node-a", await HolderAsync());
        Assert.Empty(await nodeA.QueuedToAsync(to));
    }

    [Fact]
    public async Task When_the_holder_stops_the_other_node_sends_the_mail_queued_after()
    {
        var nodeA = await StartedNodeAsync("node-a");
        using var nodeB = await StartedNodeAsync("node-b");
        var to = TestAccounts.NewEmail();
        await nodeB.QueueAsync(new OutgoingMail(to, "Uji: sebelum node A berhenti", "Isi."));
        nodeA.Outbox.Latest(to, "sebelum node A berhenti");

        await nodeA.DisposeAsync();
        await nodeB.QueueAsync(new OutgoingMail(to, "Uji: sesudah node A berhenti", "Isi."));

        var sent = Assert.Single(nodeB.Outbox.To(to));
        Assert.Equal("Uji: sesudah node A berhenti", sent.Subject);
        Assert.Equal("node-b", await HolderAsync());
    }

    [Fact]
    public async Task The_lease_of_a_node_that_died_moves_when_it_runs_out_and_not_before()
    {
        // A node that died while holding the lease: it can neither renew it nor give it up.
        await using (var db = _database.Open())
        {
            await DatabaseSetup.MigrateAsync(db, CancellationToken.None);
            db.Leases.Add(new Lease
            {
                Name = MailDelivery.LeaseName,
                Holder = "node-mati",
                ExpiresAtUtc = PortalFactory.DefaultNow.UtcDateTime + MailDelivery.ShortestLease,
            });
            await db.SaveChangesAsync();
        }

        using var node = Node("node-b");
        var to = TestAccounts.NewEmail();
        await node.QueueAsync(new OutgoingMail(to, "Uji: menunggu sewa habis", "Isi."));
        await Task.Delay(TimeSpan.FromSeconds(3)); // three looks of the node, each refused

        Assert.Single(await node.QueuedToAsync(to));
        Assert.False(Directory.Exists(node.Outbox.Folder) && Directory.EnumerateFiles(node.Outbox.Folder).Any());

        node.Clock.Advance(MailDelivery.ShortestLease + TimeSpan.FromSeconds(1));

        Assert.Equal("Uji: menunggu sewa habis", Assert.Single(node.Outbox.To(to)).Subject);
        Assert.Equal("node-b", await HolderAsync());
    }

    public void Dispose() => _database.Dispose();

    private ClusterNodeFactory Node(string name) => new(_database.Path, name, QuickLooks);

    /// <summary>A node started, and its delivery loop past its first look, so that the node started first takes the lease.</summary>
    private async Task<ClusterNodeFactory> StartedNodeAsync(string name)
    {
        var node = Node(name);
        _ = node.Server;
        await Eventually.TrueAsync(async () => await HolderAsync() is not null, "the mail lease is taken");
        return node;
    }

    private async Task<string?> HolderAsync()
    {
        await using var db = _database.Open();
        try
        {
            return await db.Leases.Where(l => l.Name == MailDelivery.LeaseName).Select(l => l.Holder).SingleOrDefaultAsync();
        }
        catch (System.Data.Common.DbException)
        {
            return null; // not migrated yet
        }
    }
}
