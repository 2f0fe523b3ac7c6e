using Portal.Data;
using Portal.Shared;
using Portal.Training;

namespace Portal.Tests.Training;

/// <summary>Of several nodes on one database, one queues the batch reminders: the holder of their lease, until it runs out.</summary>
public sealed class ReminderClusterTests : IDisposable
{
    private readonly SharedDatabase _database = new();

    [Fact]
    public async Task Reminders_wait_while_a_dead_node_holds_their_lease_and_are_sent_once_it_runs_out()
    {
        var deadNodesLeaseEnds = PortalFactory.DefaultNow.UtcDateTime.AddHours(2);
        await using (var db = _database.Open())
        {
            await DatabaseSetup.MigrateAsync(db, CancellationToken.None);
            db.Leases.Add(new Lease { Name = BatchReminderSender.LeaseName, Holder = "node-mati", ExpiresAtUtc = deadNodesLeaseEnds });
            await db.SaveChangesAsync();
        }

        using var node = new ClusterNodeFactory(_database.Path, "node-b");
        var now = Wib.ToWib(node.Clock.GetUtcNow().UtcDateTime);
        var batch = TestData.Batch(TestData.Programme(), now.AddHours(1), now.AddDays(10));
        await node.AddAsync(batch);
        var user = await node.CreateJobSeekerAsync();
        await node.AddAsync(new BatchReminder { BatchId = batch.Id, UserId = user.Id, CreatedAtUtc = node.Clock.GetUtcNow().UtcDateTime });

        // Registration opens; the node looks (its clock's minute passes) but the lease is not its own.
        node.Clock.Advance(TimeSpan.FromMinutes(90));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Null(await SentAtAsync(node, user.Id));

        node.Clock.Advance(TimeSpan.FromHours(1));

        await Eventually.TrueAsync(async () => await SentAtAsync(node, user.Id) is not null, "the reminder is queued once the dead node's lease has run out");
        Assert.Single(node.Outbox.To(user.Email!), m => (m.Subject ?? string.Empty).StartsWith("Pendaftaran dibuka", StringComparison.Ordinal));
    }

    public void Dispose() => _database.Dispose();

    private static Task<DateTime?> SentAtAsync(PortalFactory node, string userId) =>
        node.WithDbAsync(db => db.BatchReminders.Where(r => r.UserId == userId).Select(r => r.SentAtUtc).SingleAsync());
}
