using Microsoft.Extensions.Options;

namespace Portal.Content;

public static class ContentServices
{
    public static IServiceCollection AddContentImport(this IServiceCollection services)
    {
        services.AddOptions<ContentOptions>().BindConfiguration(ContentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ContentImporter>();
        services.AddHostedService<ContentStartupImport>();
        return services;
    }

    /// <summary>
    /// Imports content at start-up, after the database migrator (hosted services start in order).
    /// A failure here is logged, never fatal: the site serves what the database already has.
    /// </summary>
    private sealed class ContentStartupImport(IServiceScopeFactory scopes, IOptions<ContentOptions> options, ILogger<ContentStartupImport> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (!options.Value.ImportOnStartup)
            {
                return;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Content import failed; the site starts with the content already in the database");
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
