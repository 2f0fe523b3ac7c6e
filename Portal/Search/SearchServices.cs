using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Search;

public static class SearchServices
{
    /// <summary>
    /// Search: the index owner, the recorder that logs every change to searchable entities in the
    /// same save, the follower that applies them, and the query service. The content import runs
    /// in the background meanwhile: on a first start the follower builds an index of what is
    /// there and then applies the import's changes as each batch of files is saved.
    /// </summary>
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new SearchIndex(
            sp.GetRequiredService<DataFolder>().Folder("index"), sp.GetRequiredService<ILogger<SearchIndex>>()));
        services.AddSingleton<SearchSignal>();
        services.AddSingleton(sp => new SearchChangeRecorder(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<SearchSignal>()));
        services.ConfigurePortalDbContext((sp, options) => options.AddInterceptors(sp.GetRequiredService<SearchChangeRecorder>(), SearchBulkUpdateGuard.Instance));
        services.AddScoped<SearchSource>();
        services.AddSingleton<SiteSearch>();
        services.AddSingleton<SearchLag>();
        services.AddHostedService<SearchSync>();
        services.AddHealthChecks().AddCheck<SearchHealthCheck>("search");
        return services;
    }

    /// <summary>
    /// Degraded, never unhealthy: pages keep serving without search, so a load balancer should
    /// not take the node out because its index is being rebuilt or is catching up.
    /// </summary>
    private sealed class SearchHealthCheck(SearchIndex index, SearchLag lag, IOptions<SearchOptions> options) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var behind = lag.Measure();
            var data = new Dictionary<string, object>
            {
                ["state"] = index.State.ToString(),
                ["appliedChange"] = index.LastAppliedChangeId,
                ["lag"] = behind,
            };
            var result = index.State != SearchIndexState.Ready || !Directory.Exists(index.Path)
                ? HealthCheckResult.Degraded($"Indeks pencarian: {index.State}.", data: data)
                : behind > options.Value.HealthyLag
                    ? HealthCheckResult.Degraded($"Indeks pencarian tertinggal {behind} perubahan (batas {options.Value.HealthyLag}).", data: data)
                    : HealthCheckResult.Healthy($"Indeks pencarian siap (perubahan {index.LastAppliedChangeId}, tertinggal {behind}).", data);
            return Task.FromResult(result);
        }
    }
}
