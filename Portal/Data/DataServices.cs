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

        if (provider == DatabaseProvider.PostgreSql)
        {
            services.AddDbContext<PortalDbContext, PostgreSqlPortalDbContext>((_, options) =>
                PortalDbContexts.Configure((DbContextOptionsBuilder<PostgreSqlPortalDbContext>)options, provider, connectionString!));
        }
        else
        {
            services.AddDbContext<PortalDbContext, SqlitePortalDbContext>((sp, options) =>
                PortalDbContexts.Configure((DbContextOptionsBuilder<SqlitePortalDbContext>)options, provider, ConnectionString(sp.GetRequiredService<DataFolder>())));
        }


        services.TryAddTimeProvider();
        services.AddSingleton<DataBackup>();
        services.AddHostedService<DatabaseMigrator>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    /// <summary>
    /// Adds to the options of the portal's context whichever provider runs (interceptors, say).
    /// EF applies ConfigureDbContext by the registered implementation type, so configuring the
    /// abstract <see cref="PortalDbContext"/> alone would reach neither provider's context.
    /// </summary>
    public static IServiceCollection ConfigurePortalDbContext(this IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> configure) => services
        .ConfigureDbContext<SqlitePortalDbContext>(configure)
        .ConfigureDbContext<PostgreSqlPortalDbContext>(configure);

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
