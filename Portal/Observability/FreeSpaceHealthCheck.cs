using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Observability;

/// <summary>
/// Free space on the disk of the data folder: SQLite, the index and the outbox all write there,
/// and a full disk fails saves in ways a person sees as errors. Degraded warns in time; Unhealthy
/// takes the node out of a load balancer before writes start failing.
/// </summary>
internal sealed class FreeSpaceHealthCheck(DataFolder folder, IOptions<ObservabilityOptions> options) : IHealthCheck
{
    private const long Megabyte = 1024 * 1024;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var free = new DriveInfo(folder.Root).AvailableFreeSpace / Megabyte;
        var data = new Dictionary<string, object> { ["freeMegabytes"] = free };
        var limits = options.Value;
        var result = free < limits.FreeSpaceUnhealthyMegabytes
            ? HealthCheckResult.Unhealthy($"Ruang kosong folder data tinggal {free} MB (batas {limits.FreeSpaceUnhealthyMegabytes} MB).", data: data)
            : free < limits.FreeSpaceDegradedMegabytes
                ? HealthCheckResult.Degraded($"Ruang kosong folder data tinggal {free} MB (peringatan di bawah {limits.FreeSpaceDegradedMegabytes} MB).", data: data)
                : HealthCheckResult.Healthy($"Ruang kosong folder data {free} MB.", data);
        return Task.FromResult(result);
    }
}
