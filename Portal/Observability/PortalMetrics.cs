using System.Diagnostics.Metrics;
using Portal.Search;

namespace Portal.Observability;

/// <summary>
/// The portal's own instruments, all in one meter so that a dashboard finds them in one place
/// (ASP.NET Core, EF Core and the runtime bring their own). Created through IMeterFactory: each app
/// (and each test host) counts for itself. A singleton; the instruments are thread-safe.
/// </summary>
public sealed class PortalMetrics
{
    public const string MeterName = "Portal";

    private readonly Counter<long> _applicationsSubmitted;
    private readonly Counter<long> _emailsQueued;
    private readonly Counter<long> _emailsDelivered;
    private readonly Counter<long> _emailsFailed;
    private readonly Counter<long> _rateLimitRejections;

    public PortalMetrics(IMeterFactory meters, SearchLag searchLag)
    {
        var meter = meters.Create(MeterName);
        _applicationsSubmitted = meter.CreateCounter<long>("portal.applications.submitted", "{application}",
            "Applications submitted to a batch.");
        _emailsQueued = meter.CreateCounter<long>("portal.emails.queued", "{email}",
            "Emails queued for delivery (committed with their change), by the transport that delivers them.");
        _emailsDelivered = meter.CreateCounter<long>("portal.emails.delivered", "{email}",
            "Queued emails handed to the transport (written to the outbox, or taken by the SMTP server).");
        _emailsFailed = meter.CreateCounter<long>("portal.emails.failed", "{email}",
            "Delivery attempts that failed; the email is tried again later, and kept in the outbox after the last attempt.");
        _rateLimitRejections = meter.CreateCounter<long>("portal.rate_limit.rejections", "{request}",
            "Requests refused by a rate limit, by policy.");
        meter.CreateObservableGauge("portal.search.index_lag", searchLag.Measure, "{change}",
            "Saved changes this node's search index has not applied yet.");
    }

    public void ApplicationSubmitted() => _applicationsSubmitted.Add(1);

    /// <param name="delivery">"outbox" or "smtp".</param>
    /// <param name="count">The emails one commit queued.</param>
    public void EmailsQueued(string delivery, int count) => _emailsQueued.Add(count, new KeyValuePair<string, object?>("delivery", delivery));

    public void EmailDelivered(string delivery) => _emailsDelivered.Add(1, new KeyValuePair<string, object?>("delivery", delivery));

    public void EmailFailed() => _emailsFailed.Add(1);

    /// <summary>For the rate limiter's OnRejected; the policy name is the only tag (never the client or account).</summary>
    public void RateLimitRejected(string policy) => _rateLimitRejections.Add(1, new KeyValuePair<string, object?>("policy", policy));
}
