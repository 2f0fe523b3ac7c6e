using System.Globalization;
using Microsoft.Extensions.Caching.Memory;

namespace Portal.Statistics;

/// <summary>
/// The state of the data the statistics are computed from. Every change that can move a figure
/// leaves a row with a growing id: a status change of an application adds a history row (statuses
/// change only through <see cref="Training.Application.ChangeStatus"/>, submission included, and
/// applications are never deleted, only anonymised, which moves no figure), and a save of a batch
/// or programme adds a change-log row (<see cref="Search.SearchChangeRecorder"/>). So the two
/// newest ids name the data exactly; reading them is two lookups of the last primary key.
/// </summary>
public readonly record struct StatisticsVersion(long ApplicationChangeId, long DataChangeId, DateTime LastModifiedUtc)
{
    /// <summary>
    /// The version as an HTTP entity tag: exact where Last-Modified has whole seconds, so two
    /// changes within one second still give a client the second.
    /// </summary>
    public string ETag => $"\"{ApplicationChangeId.ToString(CultureInfo.InvariantCulture)}-{DataChangeId.ToString(CultureInfo.InvariantCulture)}\"";
}

/// <summary>
/// Computed reports, one per (year, programme, funding, suppressed or not), each kept with the
/// <see cref="StatisticsVersion"/> it was computed at. A request reads the version (two indexed
/// lookups) and recomputes only when it moved. Chosen over evicting from the places that change
/// applications and batches because there is no one such place (the application service, the
/// staff desk, the importer, the batch editor) and because the check reads the database, so
/// it is right on several nodes without any node telling another. The output cache is not used
/// for /statistik: its eviction follows only the search change log, which application changes
/// never write. A singleton, because its whole point is to outlive requests; the MemoryCache it
/// owns is thread-safe and bounded in entries, so made-up filters cannot fill memory.
/// </summary>
public sealed class StatisticsCache : IDisposable
{
    /// <summary>
    /// Years × programmes × three funding choices × two views: a few hundred real keys; beyond
    /// this the least recently used go first.
    /// </summary>
    public const int MaxEntries = 2000;

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    // One computation at a time in this process: right after a change every visitor misses, and a
    // computation is a few aggregate scans of the applications; the ones waiting take its result.
    private readonly SemaphoreSlim _computing = new(1, 1);

    /// <summary>The report computed at <paramref name="version"/>, or computed now (null: the filter names nothing, and nothing is kept).</summary>
    public async Task<StatisticsReport?> GetOrComputeAsync(
        StatisticsFilter filter, bool suppressed, StatisticsVersion version, Func<Task<StatisticsReport?>> compute, CancellationToken cancellationToken)
    {
        if (Find(filter, suppressed, version) is { } cached)
        {
            return cached;
        }

        await _computing.WaitAsync(cancellationToken);
        try
        {
            if (Find(filter, suppressed, version) is { } computedMeanwhile)
            {
                return computedMeanwhile;
            }

            var report = await compute();
            if (report is not null)
            {
                _entries.Set(Key(filter, suppressed), new Entry(version, report), new MemoryCacheEntryOptions { Size = 1 });
            }

            return report;
        }
        finally
        {
            _computing.Release();
        }
    }

    private StatisticsReport? Find(StatisticsFilter filter, bool suppressed, StatisticsVersion version) =>
        _entries.TryGetValue(Key(filter, suppressed), out Entry? entry) && entry!.Version == version ? entry.Report : null;

    private static (StatisticsFilter, bool) Key(StatisticsFilter filter, bool suppressed) => (filter, suppressed);

    public void Dispose()
    {
        _entries.Dispose();
        _computing.Dispose();
    }

    private sealed record Entry(StatisticsVersion Version, StatisticsReport Report);
}
