using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Data;

public static class DataServices
{
    public static IServiceCollection AddPortalData(this IServiceCollection services)
    {
        services.AddOptions<DataOptions>().BindConfiguration(DataOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new DataFolder(
            sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath,
            sp.GetRequiredService<IOptions<DataOptions>>().Value));

        services.AddDbContext<PortalDbContext>((sp, options) =>
            options.UseSqlite(ConnectionString(sp.GetRequiredService<DataFolder>())));

        services.TryAddTimeProvider();
        services.AddSingleton<DataBackup>();
        services.AddHostedService<DatabaseMigrator>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    /// <summary>The default timeout also makes SQLite wait (not fail) while another connection writes.</summary>
    public static string ConnectionString(DataFolder folder) => $"Data Source={folder.DatabaseFile};Default Timeout=30";

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    /// <summary>Migrates before the other start-up work (content import, search) runs.</summary>
    private sealed class DatabaseMigrator(IServiceScopeFactory scopes) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class DatabaseHealthCheck(PortalDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Basis data tidak dapat dihubungi.");
    }
}
