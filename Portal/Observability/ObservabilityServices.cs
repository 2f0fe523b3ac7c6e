using System.Net;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Portal.Observability;

public static class ObservabilityServices
{
    public const string MetricsPath = "/metrics";

    /// <summary>The portal's name in traces and metrics exported over OTLP.</summary>
    public const string ServiceName = "portal";

    /// <summary>
    /// Health checks of the data folder (the database, index and mail checks are registered by
    /// their features), OpenTelemetry metrics and traces, and JSON log lines with the request id
    /// when Logging:Console:FormatterName is "json".
    /// </summary>
    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ObservabilityOptions>().BindConfiguration(ObservabilityOptions.Section).ValidateDataAnnotations()
            .Validate(options => options.MetricsAllowedNetworks.All(n => IPNetwork.TryParse(n.Trim(), out _)),
                $"{ObservabilityOptions.Section}:{nameof(ObservabilityOptions.MetricsAllowedNetworks)}: every entry must be a network in CIDR notation (e.g. 10.0.5.0/24).")
            .Validate(options => options.FreeSpaceUnhealthyMegabytes <= options.FreeSpaceDegradedMegabytes,
                $"{ObservabilityOptions.Section}: {nameof(ObservabilityOptions.FreeSpaceUnhealthyMegabytes)} must not be above {nameof(ObservabilityOptions.FreeSpaceDegradedMegabytes)}.")
            .ValidateOnStart();
        services.AddSingleton<MonitoringAccess>();
        services.AddSingleton<PortalMetrics>();
        services.AddHealthChecks().AddCheck<FreeSpaceHealthCheck>("freeSpace");

        // Scopes carry ASP.NET Core's RequestId (and the trace id): every line of one request can
        // be found together. Only the JSON formatter is changed; the plain console stays short.
        services.Configure<JsonConsoleFormatterOptions>(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        });

        // Read here, not through options: exporters are registered with the services, before the app is built.
        var otlp = configuration.GetSection(ObservabilityOptions.Section).Get<ObservabilityOptions>()?.OtlpEndpoint;
        var otlpEndpoint = string.IsNullOrWhiteSpace(otlp) ? null : new Uri(otlp);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(PortalMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                if (otlpEndpoint is not null)
                {
                    metrics.AddOtlpExporter(exporter => exporter.Endpoint = otlpEndpoint);
                }
            })
            .WithTracing(tracing =>
            {
                // Query values in spans are "Redacted" by the instrumentation's default: they carry the
                // tokens of confirmation and reset links. Monitoring requests are not traced.
                tracing
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsMonitoring(context.Request.Path))
                    .AddEntityFrameworkCoreInstrumentation();
                if (otlpEndpoint is not null)
                {
                    tracing.AddOtlpExporter(exporter => exporter.Endpoint = otlpEndpoint);
                }
            });
        return services;
    }

    /// <summary>/healthz, and /metrics for loopback and the configured networks only (404 for everyone else).</summary>
    public static WebApplication MapObservability(this WebApplication app)
    {
        // Created now, not at the first email or application, so that the index lag gauge exists from the start.
        app.Services.GetRequiredService<PortalMetrics>();
        app.MapHealth();
        var access = app.Services.GetRequiredService<MonitoringAccess>();
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use((context, next) =>
        {
            if (access.IsMonitor(context))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }), optionsName: null);
        return app;
    }

    private static bool IsMonitoring(PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments(HealthEndpoint.Path);
}
