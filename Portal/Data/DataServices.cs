using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Data;

public static class DataServices
{
    public static IServiceCollection AddPortalData(this IServiceCollection services, IConfiguration configuration)
    {
        // A wrong provider name or a missing connection string fails the options' validation, so the
        // start stops with one line naming the setting (StartupConfiguration), not a stack trace.
        var provider = DatabaseProvider.Sqlite;
        string? connectionString = null;
        string? problem = null;
        try
        {
            (provider, connectionString) = DatabaseOptions.Read(configuration);
        }
        catch (DatabaseConfigurationException e)
        {
            problem = e.Message;
        }

        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section, binder => binder.ErrorOnUnknownConfiguration = false)
            .Validate(_ => problem is null, problem ?? string.Empty).ValidateOnStart();
        services.AddOptions<DataOptions>().BindConfiguration(DataOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new DataFolder(
            sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath,
            sp.GetRequiredService<IOptions<DataOptions>>().Value));
        services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => ClusterNode.From(sp.GetRequiredService<IOptions<NodeOptions>>().Value, sp.GetRequiredService<DataFolder>()));
        services.AddScoped<ClusterLease>();

        services.AddSingleton(new DatabaseSettings(provider));
        if (provider == DatabaseProvider.PostgreSql)
        {
            services.AddDbContext<PortalDbContext, PostgreSqlPortalDbContext>((sp, options) =>
                ApplyFeatureConfiguration(sp, PortalDbContexts.Configure((DbContextOptionsBuilder<PostgreSqlPortalDbContext>)options, provider, connectionString!)));
        }
        else
        {
            services.AddDbContext<PortalDbContext, SqlitePortalDbContext>((sp, options) =>
                ApplyFeatureConfiguration(sp, PortalDbContexts.Configure((DbContextOptionsBuilder<SqlitePortalDbContext>)options, provider, ConnectionString(sp.GetRequiredService<DataFolder>()))));
        }

        services.TryAddTimeProvider();
        services.AddSingleton<DataBackup>();
        services.AddHostedService<DatabaseMigrator>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    /// <summary>
    /// Features add their interceptors with ConfigureDbContext&lt;PortalDbContext&gt; (search's change
    /// log, the mail queue), but EF builds the options of the registered subclass and applies only
    /// the configuration registered for that type: without this, no save would write the change log.
    /// </summary>
    private static void ApplyFeatureConfiguration(IServiceProvider services, DbContextOptionsBuilder options)
    {
        foreach (var configuration in services.GetServices<IDbContextOptionsConfiguration<PortalDbContext>>())
        {
            configuration.Configure(services, options);
        }
    }

    public static string ConnectionString(DataFolder folder) => PortalDbContexts.SqliteConnectionString(folder.DatabaseFile);

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
