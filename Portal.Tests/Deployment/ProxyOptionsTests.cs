using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace Portal.Tests.Deployment;

/// <summary>Which proxies the portal believes, as configured in Portal:Proxy (the real app's options).</summary>
public class ProxyOptionsTests
{
    [Fact]
    public void Without_configuration_only_loopback_is_trusted()
    {
        using var portal = new ConfiguredPortal([]);

        var forwarded = portal.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.Equal([IPAddress.IPv6Loopback], forwarded.KnownProxies);
        Assert.Equal([IPNetwork.Parse("127.0.0.0/8")], forwarded.KnownIPNetworks);
        Assert.Equal(1, forwarded.ForwardLimit);
    }

    [Fact]
    public void Configured_proxies_replace_the_loopback_default()
    {
        using var portal = new ConfiguredPortal(new()
        {
            ["Portal:Proxy:KnownProxies:0"] = "10.0.5.10",
            ["Portal:Proxy:KnownNetworks:0"] = "192.168.7.0/24",
        });

        var forwarded = portal.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.Equal([IPAddress.Parse("10.0.5.10")], forwarded.KnownProxies);
        Assert.Equal([IPNetwork.Parse("192.168.7.0/24")], forwarded.KnownIPNetworks);
    }

    [Theory]
    [InlineData("Portal:Proxy:KnownProxies:0", "nginx.lokal", "Portal:Proxy:KnownProxies holds 'nginx.lokal', which is not an IP address")]
    [InlineData("Portal:Proxy:KnownNetworks:0", "10.0.5.0/33", "Portal:Proxy:KnownNetworks holds '10.0.5.0/33', which is not a network in CIDR notation")]
    public void A_setting_that_is_not_an_address_stops_the_start_with_its_name(string key, string value, string message)
    {
        using var portal = new ConfiguredPortal(new() { [key] = value });

        Assert.Contains(message, portal.StartFailure(), StringComparison.Ordinal);
    }

    private sealed class ConfiguredPortal(Dictionary<string, string?> settings) : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => settings;
    }
}
