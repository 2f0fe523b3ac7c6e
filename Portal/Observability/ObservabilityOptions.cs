namespace Portal.Observability;

public sealed class ObservabilityOptions
{
    public const string Section = "Portal:Observability";

    /// <summary>
    /// Networks (CIDR, e.g. "10.0.5.0/24") besides loopback that may read /metrics and the health
    /// detail: the Prometheus server's. Everyone else gets 404 and the bare status word.
    /// </summary>
    public List<string> MetricsAllowedNetworks { get; set; } = [];

    /// <summary>Free space in the data folder below which /healthz says Degraded.</summary>
    [Range(1, 1_000_000)]
    public int FreeSpaceDegradedMegabytes { get; set; } = 1024;

    /// <summary>Free space below which /healthz says Unhealthy: SQLite and the index can no longer be trusted to write.</summary>
    [Range(1, 1_000_000)]
    public int FreeSpaceUnhealthyMegabytes { get; set; } = 200;

    /// <summary>
    /// An OpenTelemetry collector (e.g. "http://127.0.0.1:4317") for traces and metrics over OTLP;
    /// empty: nothing is exported, only /metrics is served.
    /// </summary>
    public string OtlpEndpoint { get; set; } = string.Empty;
}
