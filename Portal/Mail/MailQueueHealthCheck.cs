using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Portal.Mail;

/// <summary>
/// The SMTP queue: Degraded (never Unhealthy, pages still work) while the server refuses messages
/// or the queue grows, because confirmation and reset emails then do not arrive. With no SMTP server
/// every message is a file in the outbox, and there is nothing to wait for.
/// </summary>
internal sealed class MailQueueHealthCheck(SmtpBacklog backlog, IOptions<MailOptions> options) : IHealthCheck
{
    /// <summary>More queued than a healthy server sends in a few seconds.</summary>
    private const int LongQueue = 100;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Smtp.IsConfigured)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Email ditulis ke folder outbox (tanpa SMTP).",
                new Dictionary<string, object> { ["delivery"] = "outbox" }));
        }

        var data = new Dictionary<string, object>
        {
            ["delivery"] = "smtp",
            ["queued"] = backlog.Queued,
            ["delivered"] = backlog.Delivered,
            ["failed"] = backlog.Failed,
            ["failuresInARow"] = backlog.FailuresInARow,
        };
        var result = backlog.FailuresInARow > 0
            ? HealthCheckResult.Degraded($"Server SMTP menolak {backlog.FailuresInARow} email terakhir; email disimpan di folder outbox.", data: data)
            : backlog.Queued > LongQueue
                ? HealthCheckResult.Degraded($"{backlog.Queued} email menunggu dikirim.", data: data)
                : HealthCheckResult.Healthy($"{backlog.Queued} email menunggu, {backlog.Delivered} terkirim sejak mulai.", data);
        return Task.FromResult(result);
    }
}
