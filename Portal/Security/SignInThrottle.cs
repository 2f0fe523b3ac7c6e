using System.Collections.Concurrent;

namespace Portal.Security;

/// <summary>
/// Counts wrong passwords per client address and typed email, so that a client must wait after a
/// few failures for one account, before Identity's lockout (5) would lock that account: one
/// anonymous client can no longer lock someone out, a staff member included. The account's own
/// lockout still stops guessing spread over many clients, and its owner is told by email.
/// </summary>
/// <remarks>
/// Keyed by the address as typed, not by account, so that an unknown address is throttled just
/// like a known one and the answer tells nothing about who has an account. A singleton in memory:
/// the failures of the last minutes are all it needs to keep, and losing them on a restart only
/// gives a client its few attempts again, while the lockout in the database still holds.
/// </remarks>
public sealed class SignInThrottle(IOptions<RateLimitOptions> options, TimeProvider clock, RateLimitRejections rejections)
{
    /// <summary>Above this many tracked pairs, expired ones are dropped so that memory stays bounded.</summary>
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    private TimeSpan Window => TimeSpan.FromMinutes(options.Value.FailedSignInWindowMinutes);

    /// <summary>How long this client must wait before trying this address again; null when it may try now.</summary>
    public TimeSpan? WaitBeforeNextAttempt(string clientAddress, string email)
    {
        if (!_failures.TryGetValue(Key(clientAddress, email), out var failures))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        lock (failures)
        {
            DropExpired(failures, now);
            if (failures.Count < options.Value.FailedSignInsPerAccountAndClient)
            {
                return null;
            }

            rejections.Record(RateLimitRejections.FailedSignIns);
            return failures.Peek() + Window - now;
        }
    }

    public void RecordFailure(string clientAddress, string email)
    {
        var now = clock.GetUtcNow();
        var failures = _failures.GetOrAdd(Key(clientAddress, email), _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            DropExpired(failures, now);
            failures.Enqueue(now);
        }

        if (_failures.Count > PruneAbove)
        {
            Prune(now);
        }
    }

    /// <summary>A successful sign-in clears this client's failures for the address, as Identity clears the account's count.</summary>
    public void Forget(string clientAddress, string email) => _failures.TryRemove(Key(clientAddress, email), out _);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures)
        {
            lock (failures)
            {
                DropExpired(failures, now);
                if (failures.Count == 0)
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }
    }

    private void DropExpired(Queue<DateTimeOffset> failures, DateTimeOffset now)
    {
        while (failures.Count > 0 && failures.Peek() + Window <= now)
        {
            failures.Dequeue();
        }
    }

    private static string Key(string clientAddress, string email) => clientAddress + "\n" + email.Trim().ToUpperInvariant();
}
