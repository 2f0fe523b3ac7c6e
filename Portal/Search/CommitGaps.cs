namespace Portal.Search;

/// <summary>
/// How long this follower has seen a missing <see cref="SearchChange"/> id. Where ids are handed out
/// before commit (PostgreSQL sequences), id 12 can be visible while id 11's transaction still runs,
/// and a rolled-back insert leaves an id that never comes. A missing id has been in flight at least
/// since this follower first saw a newer id (ids are handed out in order), so it is waited for until
/// that sighting is the grace period old, then taken for a rollback.
/// The wait is real elapsed time on a monotonic clock (<see cref="TimeProvider.System"/>), on purpose
/// not the app's clock nor the rows' ChangedAtUtc: it is about transactions of the database
/// committing now, not about business time (which tests freeze, and nodes' wall clocks may disagree).
/// </summary>
public sealed class CommitGaps(TimeSpan grace, TimeProvider monotonic)
{
    // (newest id seen, when first seen), ascending in both; few: one per poll that saw new ids.
    private readonly Queue<(long NewestId, long SeenAt)> _sightings = new();

    /// <summary>Records that <paramref name="newestId"/> is visible now.</summary>
    public void Saw(long newestId)
    {
        if (_sightings.Count == 0 || newestId > _sightings.Last().NewestId)
        {
            _sightings.Enqueue((newestId, monotonic.GetTimestamp()));
        }
    }

    /// <summary>Whether <paramref name="missingId"/> has been missing for the whole grace period.</summary>
    public bool WaitedOut(long missingId)
    {
        foreach (var (newestId, seenAt) in _sightings)
        {
            if (newestId > missingId)
            {
                return monotonic.GetElapsedTime(seenAt) >= grace;
            }
        }

        return false;
    }

    /// <summary>Forgets sightings that no missing id beyond <paramref name="through"/> can need.</summary>
    public void Applied(long through)
    {
        while (_sightings.Count > 0 && _sightings.Peek().NewestId <= through)
        {
            _sightings.Dequeue();
        }
    }
}
