using Portal.Observability;

namespace Portal.Tests.Observability;

/// <summary>
/// The app with a monitoring network configured; requests come from a chosen client address
/// through <see cref="PortalFactory.ClientFrom"/> (the in-memory test server has no network).
/// </summary>
public sealed class MonitoringFactory : PortalFactory
{
    public const string MonitoringNetwork = "10.20.0.0/16";

    /// <summary>Client addresses outside the monitoring network: one on the internet, one in the next internal range.</summary>
    public static TheoryData<string> OutsideAddresses => ["203.0.113.7", "10.21.0.1"];

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"{ObservabilityOptions.Section}:{nameof(ObservabilityOptions.MetricsAllowedNetworks)}:0"] = MonitoringNetwork,
    };
}
