using Microsoft.AspNetCore.OutputCaching;
using Portal.News;
using Portal.Search;
using Portal.Training;

namespace Portal.Caching;

/// <summary>
/// The state every cached public page shares: a generation number that is part of each cache key,
/// and the instant until which the current generation may be served. A save of an article,
/// programme, batch or topic (in this process, or seen in the change log from another node) and the
/// next scheduled publication, registration opening or closing, or WIB midnight each start a new
/// generation. Keying on the generation, rather than only evicting, closes the race where a page
/// rendered from the old data is stored just after the eviction: it lands under a key no one asks
/// for any more. Eviction by tag then only frees the memory.
/// </summary>
public sealed class PageCache : IDisposable
{
    /// <summary>Every cached public page carries this tag, so one eviction frees them all.</summary>
    public const string Tag = "public-page";

    private readonly IOutputCacheStore _store;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly PageCacheOptions _options;
    private readonly SearchSignal _signal;
    private readonly ILogger<PageCache> _logger;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _computing = new(1, 1);
    private volatile Window _window = new(0, 0);
    private long _followedChangeId = -1;

    public PageCache(IOutputCacheStore store, IServiceScopeFactory scopes, TimeProvider clock, SearchSignal signal, IOptions<PageCacheOptions> options, ILogger<PageCache> logger)
    {
        _store = store;
        _scopes = scopes;
        _clock = clock;
        _options = options.Value;
        _signal = signal;
        _logger = logger;

        // Raised before the staff page that saved redirects, so the editor's next look at the public
        // page already sees the change. Usually after the save's commit; but when the caller owns the
        // transaction (TrainingEditor.SaveBatchAsync), it is raised with no change id before that
        // transaction commits: a page rendered between the signal and the commit shows the old data
        // and may be stored under the new generation, until the follower sees the committed row on
        // its next poll (about half a second) and starts another generation.
        _signal.Saved += ContentChanged;
        _signal.AppliedFromLog += IndexApplied;
    }

    /// <summary>
    /// A generation and the UTC ticks until which it shows the truth; 0 means "not computed yet"
    /// (right after a change): the next request looks up the next scheduled change first.
    /// </summary>
    public sealed record Window(long Generation, long FreshUntilUtcTicks);

    public long Generation => _window.Generation;

    /// <summary>The newest change-log id whose change the cached pages already show; -1 before the first look.</summary>
    public long FollowedChangeId => Interlocked.Read(ref _followedChangeId);

    /// <summary>
    /// Content changed: pages cached so far show the old state. With the id of a committed change,
    /// the follower need not evict again for it; without (a save inside a transaction not yet
    /// committed, which another request cannot see yet), the follower evicts once more when the
    /// row appears, so a page rendered in between is not kept.
    /// </summary>
    public void ContentChanged(long? committedChangeId)
    {
        lock (_gate)
        {
            _window = new Window(_window.Generation + 1, 0);
            if (committedChangeId is { } id && id > _followedChangeId)
            {
                _followedChangeId = id;
            }
        }

        Evict();
    }

    /// <summary>
    /// This node's search index shows a change: another node's save shows in the cached pages as
    /// soon as in the index. A change this node saved, or the follower already saw, is not news,
    /// unless it committed late below the newest id.
    /// </summary>
    private void IndexApplied(long appliedThrough, bool lateCommit)
    {
        if (appliedThrough > FollowedChangeId || lateCommit)
        {
            ContentChanged(appliedThrough);
        }
    }

    /// <summary>
    /// The follower found the change log elsewhere than the cached pages know (another node saved, or
    /// a restore ended it lower). <paramref name="followedWhenRead"/> is <see cref="FollowedChangeId"/>
    /// as the follower took it before reading: if a save in this process or the index moved it while
    /// the follower read, they saw a newer log than its read did, and acting on that read would start
    /// a needless generation now and, as the id went back, another at the next look.
    /// </summary>
    public void ChangeLogMoved(long latestChangeId, long followedWhenRead)
    {
        lock (_gate)
        {
            if (_followedChangeId != followedWhenRead)
            {
                return;
            }

            _window = new Window(_window.Generation + 1, 0);
            _followedChangeId = latestChangeId;
        }

        Evict();
    }

    /// <summary>
    /// The window a request is cached in, and how long its entry may live. Costs a volatile read
    /// and a comparison on the hot path; one small query after each change or boundary.
    /// </summary>
    public async ValueTask<(long Generation, TimeSpan Lifetime)> CurrentAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow().UtcTicks;
        var window = _window;
        if (now >= window.FreshUntilUtcTicks)
        {
            window = await RenewAsync(cancellationToken);
            now = _clock.GetUtcNow().UtcTicks;
        }

        var lifetime = Math.Clamp(window.FreshUntilUtcTicks - now, TimeSpan.TicksPerSecond, _options.MaxLifetime.Ticks);
        return (window.Generation, TimeSpan.FromTicks(lifetime));
    }

    private async Task<Window> RenewAsync(CancellationToken cancellationToken)
    {
        await _computing.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var now = _clock.GetUtcNow().UtcDateTime;
                var window = _window;
                if (now.Ticks < window.FreshUntilUtcTicks)
                {
                    return window;
                }

                // Read after taking the snapshot: a save that commits meanwhile replaces the
                // window, and this loop reads again instead of trusting a stale answer.
                var next = await NextScheduledChangeAsync(now, cancellationToken);
                var evict = false;
                lock (_gate)
                {
                    if (ReferenceEquals(_window, window))
                    {
                        // A computed window whose time ran out: a publication, an opening or closing,
                        // or midnight has come, so what was cached shows the past.
                        evict = window.FreshUntilUtcTicks != 0;
                        _window = new Window(evict ? window.Generation + 1 : window.Generation, next.Ticks);
                    }
                }

                if (evict)
                {
                    Evict();
                }
            }
        }
        finally
        {
            _computing.Release();
        }
    }

    /// <summary>
    /// The next instant a public page changes by itself: a scheduled article appears, a batch
    /// opens or closes, the WIB date turns ("Sisa 3 hari lagi", the footer's year), or at the
    /// latest after <see cref="PageCacheOptions.MaxLifetime"/>.
    /// </summary>
    private async Task<DateTime> NextScheduledChangeAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var publication = await db.Articles.Where(Article.ScheduledAt(nowUtc)).MinAsync(a => (DateTime?)a.PublishedAtUtc, cancellationToken);
        var opening = await db.Batches.Where(Batch.UpcomingAt(nowUtc)).MinAsync(b => (DateTime?)b.RegistrationOpensAtUtc, cancellationToken);

        // Only open batches: an upcoming batch opens before it closes, so its opening comes first.
        var closing = await db.Batches.Where(Batch.OpenAt(nowUtc)).MinAsync(b => (DateTime?)b.RegistrationClosesAtUtc, cancellationToken);
        var midnight = Wib.ToUtc(Wib.ToWib(nowUtc).Date.AddDays(1));
        DateTime[] candidates = [midnight, nowUtc + _options.MaxLifetime, publication ?? DateTime.MaxValue, opening ?? DateTime.MaxValue, closing ?? DateTime.MaxValue];
        return candidates.Min();
    }

    /// <summary>Frees the memory of old generations; correctness does not wait for it.</summary>
    private void Evict() => _ = EvictAsync();

    private async Task EvictAsync()
    {
        try
        {
            await _store.EvictByTagAsync(Tag, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Harmless for correctness (old generations are never looked up); they expire on their own.
            _logger.LogWarning(e, "Evicting cached pages failed");
        }
    }

    public void Dispose()
    {
        _signal.Saved -= ContentChanged;
        _signal.AppliedFromLog -= IndexApplied;
        _computing.Dispose();
    }
}
