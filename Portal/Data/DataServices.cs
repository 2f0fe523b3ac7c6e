using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Data;

public static class DataServices
{
    /// <summary>
    /// A load balancer asks every few seconds and must hear "Unhealthy" from a node whose database
    /// is out of reach, not wait for a connection attempt's own timeout (15 s for Npgsql).
    /// </summary>
    public static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(3);

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

        // Set from what Read parsed, not bound again: binding an unknown name to the enum would throw
        // before the validation could name the setting.
        services.AddOptions<DatabaseOptions>().Configure(options => options.Provider = provider)
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
                ApplyFeatureConfiguration(sp, PortalDbContexts.Configure((DbContextOptionsBuilder<SqlitePortalDbContext>)options, provider, connectionString ?? ConnectionString(sp.GetRequiredService<DataFolder>()))));
        }

        services.AddSingleton(sp => new DatabaseStartup(
            provider, connectionString ?? ConnectionString(sp.GetRequiredService<DataFolder>())));
        services.TryAddTimeProvider();
        services.AddSingleton<DataBackup>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", timeout: HealthCheckTimeout);
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

    /// <summary>
    /// Asks the database for one row through the connection itself, not EF Core's CanConnect: a
    /// pooled connection that the server has closed opens fine and fails only when used, and EF Core
    /// would log every failed look, each time the load balancer asks, with a stack trace.
    /// </summary>
    private sealed class DatabaseHealthCheck(PortalDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var connection = db.Database.GetDbConnection();
            try
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1";
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (DatabaseUnavailable.Is(e))
            {
                return HealthCheckResult.Unhealthy("Basis data tidak dapat dihubungi.", e);
            }
            finally
            {
                await connection.CloseAsync();
            }
        }
    }
}
