using System.Net;
using Portal.Accounts;

namespace Portal.Observability;

/// <summary>
/// Who may read what only operators should: the metrics and the health detail name internal
/// figures (queue lengths, free space, index state) that help an attacker time an attack. Loopback
/// and the configured networks (the monitoring server) may; so may a signed-in Admin for the health
/// detail. The client address is the real one: behind the reverse proxy, ForwardedHeaders has set
/// it from the proxy's header before this runs.
/// </summary>
public sealed class MonitoringAccess(IOptions<ObservabilityOptions> options)
{
    private readonly IPNetwork[] _networks = options.Value.MetricsAllowedNetworks.Select(n => IPNetwork.Parse(n.Trim())).ToArray();

    public bool IsMonitor(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null || DeploymentServices.CameThroughUntrustedProxy(context))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return IPAddress.IsLoopback(address) || _networks.Any(n => n.Contains(address));
    }

    public bool MaySeeHealthDetail(HttpContext context) => IsMonitor(context) || context.User.IsInRole(Roles.Admin);
}
