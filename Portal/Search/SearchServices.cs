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
            sp.GetRequiredService<DataFolder>().Folder(sp.GetRequiredService<IOptions<SearchOptions>>().Value.IndexPath),
            sp.GetRequiredService<ILogger<SearchIndex>>()));
        services.AddSingleton<SearchSignal>();
        services.AddSingleton(sp => new SearchChangeRecorder(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<SearchSignal>()));
        services.ConfigureDbContext<PortalDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<SearchChangeRecorder>(), SearchBulkUpdateGuard.Instance));
        services.AddScoped<SearchSource>();
        services.AddScoped<SearchFollowers>();
        services.AddSingleton<SiteSearch>();
        services.AddSingleton<SearchLag>();
        services.AddHostedService<SearchSync>();
        services.AddHealthChecks().AddCheck<SearchHealthCheck>("search");
        return services;
    }

    /// <summary>
    /// Degraded, never unhealthy: pages keep serving without search, so a load balancer should
    /// not take the node out because its index is being rebuilt or is catching up. The figures are
    /// this node's: its name, the change it applied, the newest in the database, and how far behind
    /// it is in changes and in seconds (the age of the oldest change it has not applied, by the
    /// app's clock that stamped it), with the cursors every node last recorded.
    /// </summary>
    private sealed class SearchHealthCheck(
        SearchIndex index, ClusterNode node, IServiceScopeFactory scopes, TimeProvider clock, IOptions<SearchOptions> options) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var applied = index.LastAppliedChangeId;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var newest = await db.SearchChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
            var oldestPending = await db.SearchChanges.Where(c => c.Id > applied).OrderBy(c => c.Id)
                .Select(c => (DateTime?)c.ChangedAtUtc).FirstOrDefaultAsync(cancellationToken);
            var behind = Math.Max(0, newest - applied);
            var seconds = oldestPending is { } at ? Math.Max(0, Math.Round((clock.GetUtcNow().UtcDateTime - at).TotalSeconds)) : 0;
            var nodes = await scope.ServiceProvider.GetRequiredService<SearchFollowers>().AllAsync(cancellationToken);
            var data = new Dictionary<string, object>
            {
                ["state"] = index.State.ToString(),
                ["node"] = node.Name,
                ["appliedChange"] = applied,
                ["newestChange"] = newest,
                ["lag"] = behind,
                ["lagSeconds"] = seconds,
                ["nodes"] = nodes.ToDictionary(f => f.Node, f => new { appliedChange = f.AppliedChangeId, seenAtUtc = f.SeenAtUtc }),
            };
            var figures = $"node {node.Name}: perubahan {applied} diterapkan, terbaru {newest}, tertinggal {behind} perubahan / {seconds} detik";
            return index.State != SearchIndexState.Ready || !Directory.Exists(index.Path)
                ? HealthCheckResult.Degraded($"Indeks pencarian: {index.State} ({figures}).", data: data)
                : behind > options.Value.HealthyLag
                    ? HealthCheckResult.Degraded($"Indeks pencarian tertinggal (batas {options.Value.HealthyLag}): {figures}.", data: data)
                    : HealthCheckResult.Healthy($"Indeks pencarian siap: {figures}.", data);
        }
    }
}
