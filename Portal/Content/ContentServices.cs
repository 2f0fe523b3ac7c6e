using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Content;

public static class ContentServices
{
    public static IServiceCollection AddContentImport(this IServiceCollection services)
    {
        services.AddOptions<ContentOptions>().BindConfiguration(ContentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ContentFolder>();
        services.AddScoped<ContentChunkWriter>();
        services.AddScoped<ContentImporter>();
        services.AddSingleton<ContentImportStatus>();
        services.AddHostedService<ContentStartupImport>();
        services.AddHealthChecks().AddCheck<ContentImportHealthCheck>("content");
        return services;
    }

    /// <summary>
    /// Imports content at start-up, once the database is migrated (before the host starts),
    /// in the background: an archive of 100,000 files takes minutes, and meanwhile the site serves
    /// what the database already has. A failure here is logged, never fatal. Shutdown cancels it
    /// between or inside a batch; a batch is one transaction, so no half-written batch remains.
    /// </summary>
    private sealed class ContentStartupImport(
        IServiceScopeFactory scopes,
        ContentImportStatus status,
        IHostApplicationLifetime lifetime,
        IOptions<ContentOptions> options,
        ILogger<ContentStartupImport> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            if (!options.Value.ImportOnStartup)
            {
                status.Finish();
                return;
            }

            try
            {
                // Kestrel starts listening after every hosted service has started; the import waits
                // for that, so an archive's first reads do not slow the site's first answers.
                await WhenStartedAsync(stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(status, stoppingToken);
                await DatabaseSetup.RefreshPlannerStatisticsAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), stoppingToken);
                status.Finish();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                logger.LogInformation("Content import stopped by shutdown after {Done} of {Total} files; the next start goes on from there",
                    status.FilesDone, status.FilesTotal);
                status.Finish("dihentikan karena portal berhenti");
            }
            catch (Exception e)
            {
                logger.LogError(e, "Content import failed; the site serves the content already in the database");
                status.Finish("gagal, lihat log");
            }
        }

        private async Task WhenStartedAsync(CancellationToken stoppingToken)
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            {
                await started.Task.WaitAsync(stoppingToken);
            }
        }
    }

    /// <summary>Degraded, never unhealthy, while the import runs: pages are served meanwhile.</summary>
    private sealed class ContentImportHealthCheck(ContentImportStatus status) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(status.Check());
    }
}
