using System.Security.Cryptography;
using System.Text;

namespace Portal.Security;

/// <summary>How many account emails one address has been sent in its current hour.</summary>
public class EmailBudgetWindow
{
    /// <summary>SHA-256 of the normalised address, hex: the table holds no email address (UU PDP: no more personal data than needed).</summary>
    public required string AddressHash { get; set; }

    public DateTime StartedAtUtc { get; set; }

    public int Sent { get; set; }
}

/// <summary>
/// At most <see cref="RateLimitOptions.EmailsPerAddressPerHour"/> account emails a stranger can
/// cause (confirmation, "already registered", password reset) to one address per hour, however
/// many requests and clients ask. Over budget the caller answers the same as always and sends
/// nothing, so the budget tells nobody whether the address has an account.
/// </summary>
/// <remarks>
/// Kept in the database, not in memory: the budget is about the recipient, not the client, so it
/// must hold across restarts and, later, across app nodes sharing one database. Each take is one
/// conditional UPDATE (the same pattern as a batch's accepted seats), so concurrent requests never
/// overspend it, on SQLite or PostgreSQL alike.
/// </remarks>
public sealed class EmailBudget(PortalDbContext db, IOptions<RateLimitOptions> options, TimeProvider clock, RateLimitRejections rejections, ILogger<EmailBudget> logger)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>Takes one email from the address's budget; false when it is spent (the refusal is logged).</summary>
    public async Task<bool> TryTakeAsync(string address, CancellationToken cancellationToken)
    {
        var key = Hash(address);
        var limit = options.Value.EmailsPerAddressPerHour;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var now = Wib.UtcNow(clock);
            var windowOpenedAfter = now - Window;

            if (await db.Set<EmailBudgetWindow>()
                    .Where(w => w.AddressHash == key && w.StartedAtUtc > windowOpenedAfter && w.Sent < limit)
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.Sent, w => w.Sent + 1), cancellationToken) == 1)
            {
                return true;
            }

            if (await db.Set<EmailBudgetWindow>()
                    .Where(w => w.AddressHash == key && w.StartedAtUtc <= windowOpenedAfter)
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.Sent, 1).SetProperty(w => w.StartedAtUtc, now), cancellationToken) == 1)
            {
                return true;
            }

            if (await db.Set<EmailBudgetWindow>().AnyAsync(w => w.AddressHash == key, cancellationToken))
            {
                rejections.Record(RateLimitRejections.EmailBudget);
                logger.LogInformation("Email to {Address} not sent: its budget of {Limit} an hour is spent", LogRedaction.Email(address), limit);
                return false;
            }

            if (await TryOpenWindowAsync(key, now, cancellationToken))
            {
                return true;
            }

            // Another request opened the window at the same moment: count against it.
        }

        return false;
    }

    private async Task<bool> TryOpenWindowAsync(string key, DateTime now, CancellationToken cancellationToken)
    {
        var window = new EmailBudgetWindow { AddressHash = key, StartedAtUtc = now, Sent = 1 };
        db.Add(window);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return false;
        }
        finally
        {
            // Only this row: the context is shared with the request's other work (Identity).
            db.Entry(window).State = EntityState.Detached;
        }

        // Old windows are worth nothing; clear them now and then, when a new one opens.
        var stale = now - TimeSpan.FromDays(1);
        await db.Set<EmailBudgetWindow>().Where(w => w.StartedAtUtc < stale).ExecuteDeleteAsync(cancellationToken);
        return true;
    }

    private static string Hash(string address) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(address.Trim().ToUpperInvariant())));
}
