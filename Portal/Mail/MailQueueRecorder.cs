using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Observability;

namespace Portal.Mail;

/// <summary>Wakes <see cref="MailDelivery"/> as soon as a queued email is committed, so that it goes out at once.</summary>
public sealed class MailSignal : Wakeup
{
    public void Notify() => Wake();
}

/// <summary>
/// Counts the emails each save queues and, once they are committed (by the save itself, or by the
/// caller's transaction that holds it), wakes the delivery and counts them as queued: waking
/// before the commit would find nothing to send. Whoever queues mail, no call site has to
/// remember either. A save that fails, and a transaction that is rolled back or never committed,
/// count nothing.
/// </summary>
public sealed class MailQueueRecorder(MailSignal signal, IMailTransport transport, PortalMetrics metrics) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    // One interceptor serves every context; what a context has queued is kept per context.
    private readonly ConditionalWeakTable<DbContext, Queued> _queued = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Count(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context, saving: true);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context, saving: true);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context, saving: true);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context, saving: true);
        return Task.CompletedTask;
    }

    /// <summary>What an earlier transaction saved but never committed is gone with it.</summary>
    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Forget(eventData.Context, saving: false);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context, saving: false);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context, saving: false);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context, saving: false);
        return Task.CompletedTask;
    }

    /// <summary>Added (not yet saved) rows of this save; nested saves (the search recorder's) add theirs, usually none.</summary>
    private void Count(DbContext? context)
    {
        if (context is not PortalDbContext)
        {
            return;
        }

        // Rows are queued by Add, which marks them Added at once: no need to scan every tracked
        // entity for changes (a large import saves thousands) only to count them.
        var tracker = context.ChangeTracker;
        var detecting = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        int added;
        try
        {
            added = tracker.Entries<QueuedEmail>().Count(e => e.State == EntityState.Added);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detecting;
        }

        if (added > 0)
        {
            _queued.GetOrCreateValue(context).Saving += added;
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_queued.TryGetValue(context, out var queued) || queued.Saving == 0)
        {
            return;
        }

        queued.Saved += queued.Saving;
        queued.Saving = 0;
        if (context.Database.CurrentTransaction is null)
        {
            Committed(context);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is null || !_queued.TryGetValue(context, out var queued) || queued.Saved == 0)
        {
            return;
        }

        metrics.EmailsQueued(transport.Name, queued.Saved);
        queued.Saved = 0;
        signal.Notify();
    }

    private void Forget(DbContext? context, bool saving)
    {
        if (context is not null && _queued.TryGetValue(context, out var queued))
        {
            if (saving)
            {
                queued.Saving = 0;
            }
            else
            {
                queued.Saved = 0;
            }
        }
    }

    private sealed class Queued
    {
        /// <summary>Staged in the save under way.</summary>
        public int Saving { get; set; }

        /// <summary>Saved inside a transaction that is not committed yet.</summary>
        public int Saved { get; set; }
    }
}
