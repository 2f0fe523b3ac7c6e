using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.News;
using Portal.Training;

namespace Portal.Search;

/// <summary>
/// Appends a <see cref="SearchChange"/> row for every added, changed or deleted article,
/// programme, batch or topic (and article–topic link), in the same transaction as the change,
/// whoever saves it: the content importer, the staff pages, anything to come. No call site has
/// to remember search. New rows need the ids the database gives on insert, so the rows are
/// added right after the save and written by a second save inside one transaction (the
/// caller's, if it has one; otherwise one this recorder opens and commits). Bulk
/// ExecuteUpdate/ExecuteDelete bypass the change tracker and therefore this recorder, so
/// <see cref="SearchBulkUpdateGuard"/> refuses them on these entities.
/// </summary>
public sealed class SearchChangeRecorder(TimeProvider clock, SearchSignal? signal = null) : SaveChangesInterceptor
{
    private const string ArticleTopicsTable = "ArticleTopics";

    // One interceptor serves every context; the state of a save in progress is kept per context.
    private readonly ConditionalWeakTable<DbContext, PendingSave> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (Collect(eventData.Context) is { } save)
        {
            save.OwnTransaction = save.Context.Database.CurrentTransaction is null ? save.Context.Database.BeginTransaction() : null;
            _pending.AddOrUpdate(save.Context, save);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Collect(eventData.Context) is { } save)
        {
            save.OwnTransaction = save.Context.Database.CurrentTransaction is null
                ? await save.Context.Database.BeginTransactionAsync(cancellationToken)
                : null;
            _pending.AddOrUpdate(save.Context, save);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var save) && !save.Writing)
        {
            try
            {
                AppendRows(save);
                context.SaveChanges();
                save.OwnTransaction?.Commit();
            }
            finally
            {
                Finish(save);
            }

            signal?.Notify(save.CommittedThrough);
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var save) && !save.Writing)
        {
            try
            {
                AppendRows(save);
                await context.SaveChangesAsync(cancellationToken);
                if (save.OwnTransaction is not null)
                {
                    await save.OwnTransaction.CommitAsync(cancellationToken);
                }
            }
            finally
            {
                Finish(save);
            }

            signal?.Notify(save.CommittedThrough);
        }

        return result;
    }

    // A failed first save ends here; a failed second save also ends in SavedChanges' finally.
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>What this save changes that search shows; null when nothing (or when this is the recorder's own save).</summary>
    private PendingSave? Collect(DbContext? context)
    {
        if (context is not PortalDbContext || _pending.TryGetValue(context, out _))
        {
            return null;
        }

        // Interceptors run before SaveChanges detects changes; entries must be current here.
        if (context.ChangeTracker.AutoDetectChangesEnabled)
        {
            context.ChangeTracker.DetectChanges();
        }

        var touched = new List<Func<(SearchEntity, int)>>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && Describe(entry) is { } describe)
            {
                touched.Add(describe);
            }
        }

        return touched.Count == 0 ? null : new PendingSave(context, touched);
    }

    /// <summary>Reads the id after the save, when the database has given one to new rows.</summary>
    private static Func<(SearchEntity, int)>? Describe(EntityEntry entry) => entry.Entity switch
    {
        Article article => () => (SearchEntity.Article, article.Id),
        Programme programme => () => (SearchEntity.Programme, programme.Id),
        Batch batch => () => (SearchEntity.Batch, batch.Id),
        Topic topic => () => (SearchEntity.Topic, topic.Id),
        Dictionary<string, object> link when entry.Metadata.GetTableName() == ArticleTopicsTable =>
            () => (SearchEntity.Article, (int)link["ArticlesId"]),
        _ => null,
    };

    /// <summary>Adds the rows for the second save; from here on, that save's own events are ignored.</summary>
    private void AppendRows(PendingSave save)
    {
        save.Writing = true;
        var now = clock.GetUtcNow().UtcDateTime;
        var set = save.Context.Set<SearchChange>();
        foreach (var (entity, id) in save.Touched.Select(describe => describe()).Distinct())
        {
            var row = new SearchChange { Entity = entity, EntityId = id, ChangedAtUtc = now };
            save.Rows.Add(row);
            set.Add(row);
        }
    }

    private void Abandon(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var save))
        {
            Finish(save);
        }
    }

    /// <summary>Disposing a transaction that was not committed rolls it back.</summary>
    private void Finish(PendingSave save)
    {
        _pending.Remove(save.Context);
        save.OwnTransaction?.Dispose();
    }

    private sealed class PendingSave(DbContext context, List<Func<(SearchEntity, int)>> touched)
    {
        public DbContext Context { get; } = context;

        public List<Func<(SearchEntity, int)>> Touched { get; } = touched;

        public IDbContextTransaction? OwnTransaction { get; set; }

        public bool Writing { get; set; }

        public List<SearchChange> Rows { get; } = [];

        /// <summary>The newest row's id once this recorder committed; null while the caller's own transaction is open.</summary>
        public long? CommittedThrough => OwnTransaction is not null && Rows.Count > 0 ? Rows.Max(r => r.Id) : null;
    }
}

/// <summary>Wakes the in-process follower as soon as a change is saved, so search catches up at once.</summary>
public sealed class SearchSignal : Wakeup
{
    /// <summary>
    /// Raised in the saving request right after the save: for what must not wait for a poll (the
    /// page cache, so an editor's next look at the public page is current). Carries the newest
    /// change id when the save is committed, null while the caller's own transaction is still open
    /// (the followers find those rows once they are committed).
    /// </summary>
    public event Action<long?>? Saved;

    /// <summary>
    /// Raised by this node's search follower when its index shows a newer change read from the log
    /// (another node's save among them), so the page cache moves on at the same moment instead of
    /// at its own next poll.
    /// </summary>
    public event Action<long, bool>? AppliedFromLog;

    /// <param name="appliedThrough">The newest change id the index shows.</param>
    /// <param name="lateCommit">A change below that id committed since the last look (news even if that id is not).</param>
    public void Applied(long appliedThrough, bool lateCommit) => AppliedFromLog?.Invoke(appliedThrough, lateCommit);

    public void Notify(long? committedThrough = null)
    {
        Saved?.Invoke(committedThrough);
        Wake();
    }
}
