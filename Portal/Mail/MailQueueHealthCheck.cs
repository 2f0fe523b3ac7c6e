using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Mail;

/// <summary>
/// The email queue: Degraded (never Unhealthy, pages still work) while deliveries fail or emails
/// wait too long, because confirmation and reset emails then do not arrive.
/// </summary>
internal sealed class MailQueueHealthCheck(PortalDbContext db, IMailTransport transport, TimeProvider clock) : IHealthCheck
{
    /// <summary>Far longer than delivery takes when it works (moments after the save).</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromMinutes(10);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var lateIfQueuedBefore = Wib.UtcNow(clock) - LateAfter;
        var queue = await db.QueuedEmails
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Queued = g.Count(),
                Failing = g.Count(e => e.LastError != null),
                Late = g.Count(e => e.CreatedAtUtc < lateIfQueuedBefore),
            })
            .SingleOrDefaultAsync(cancellationToken);
        var (queued, failing, late) = (queue?.Queued ?? 0, queue?.Failing ?? 0, queue?.Late ?? 0);
        var data = new Dictionary<string, object>
        {
            ["delivery"] = transport.Name,
            ["queued"] = queued,
            ["failing"] = failing,
            ["late"] = late,
        };
        return failing > 0 ? HealthCheckResult.Degraded($"{failing} email gagal dikirim ({transport.Name}) dan akan dicoba lagi.", data: data)
            : late > 0 ? HealthCheckResult.Degraded($"{late} email menunggu lebih dari {LateAfter.TotalMinutes:0} menit.", data: data)
            : HealthCheckResult.Healthy($"{queued} email dalam antrean ({transport.Name}).", data);
    }
}
