using System.Net;

namespace Portal.Shared;

/// <summary>
/// The reverse proxy (nginx, see docs/deploy.md) whose X-Forwarded-For and X-Forwarded-Proto the
/// portal believes. Only a connection from one of these addresses may say who the client is and
/// that it came over HTTPS; the same headers from anyone else are ignored.
/// </summary>
/// <remarks>
/// With neither list set the portal trusts loopback only (127.0.0.0/8 and ::1): the deployment in
/// docs/deploy.md (nginx on the same host, proxying to 127.0.0.1) works without configuration, and
/// a client on the network can never come from a loopback address, so the headers of a portal
/// reached directly (no proxy) are not believed. Setting either list replaces that default, so a
/// proxy on another host is listed alone. Lists, not single values, because the binder appends to
/// defaults given in code: the defaults are applied here, only when nothing is configured.
/// </remarks>
public sealed class ProxyOptions : IValidatableObject
{
    public const string Section = "Portal:Proxy";

    /// <summary>Addresses the proxy connects from, e.g. ["127.0.0.1"].</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks in CIDR notation the proxy connects from, e.g. ["10.0.5.0/24"].</summary>
    public string[] KnownNetworks { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(KnownProxies)} holds '{proxy}', which is not an IP address (e.g. 127.0.0.1).", [nameof(KnownProxies)]);
        }

        foreach (var network in KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(KnownNetworks)} holds '{network}', which is not a network in CIDR notation (e.g. 10.0.5.0/24).", [nameof(KnownNetworks)]);
        }
    }

    /// <summary>Whether anything is configured; otherwise loopback is trusted.</summary>
    public bool IsConfigured => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}
