using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Data;

namespace Portal.Search;

public static class SearchServices
{
    /// <summary>
    /// Search: the index owner, the recorder that logs every change to searchable entities in the
    /// same save, the follower that applies them, and the query service. Register after the
    /// content import, so a first start indexes imported content in one rebuild.
    /// </summary>
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new SearchIndex(
            sp.GetRequiredService<DataFolder>().Folder("index"), sp.GetRequiredService<ILogger<SearchIndex>>()));
        services.AddSingleton<SearchSignal>();
        services.AddSingleton(sp => new SearchChangeRecorder(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<SearchSignal>()));
        services.ConfigureDbContext<PortalDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<SearchChangeRecorder>()));
        services.AddScoped<SearchSource>();
        services.AddSingleton<SiteSearch>();
        services.AddHostedService<SearchSync>();
        services.AddHealthChecks().AddCheck<SearchHealthCheck>("search");
        return services;
    }

    /// <summary>
    /// Degraded, never unhealthy: pages keep serving without search, so a load balancer should
    /// not take the node out because its index is being rebuilt.
    /// </summary>
    private sealed class SearchHealthCheck(SearchIndex index) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(index.State == SearchIndexState.Ready
                ? HealthCheckResult.Healthy($"Indeks pencarian siap (perubahan {index.LastAppliedChangeId}).")
                : HealthCheckResult.Degraded($"Indeks pencarian: {index.State}."));
    }
}
