using System.Collections.ObjectModel;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using OpenTelemetry.Trace;
using Portal.Observability;

namespace Portal.Tests.Observability;

/// <summary>The app's tracing as configured, with its spans kept in memory instead of sent to a collector.</summary>
public sealed class TracedPortalFactory : PortalFactory
{
    private readonly LockedSpans _spans = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans)));
    }

    public List<Activity> SpansSnapshot() => _spans.Snapshot();

    /// <summary>The exporter adds from the request threads while the test reads.</summary>
    private sealed class LockedSpans : Collection<Activity>
    {
        private readonly Lock _gate = new();

        public List<Activity> Snapshot()
        {
            lock (_gate)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (_gate)
            {
                base.InsertItem(index, item);
            }
        }
    }
}

public class TracingTests(TracedPortalFactory factory) : IClassFixture<TracedPortalFactory>
{
    [Fact]
    public async Task A_page_is_one_trace_with_its_database_queries_and_monitoring_is_not_traced()
    {
        var client = factory.CreatePortalClient();
        await client.GetPageAsync("/berita");
        (await client.GetAsync(new Uri(HealthEndpoint.Path, UriKind.Relative))).Dispose();

        await Eventually.TrueAsync(
            () => Task.FromResult(factory.SpansSnapshot().Any(s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == "/berita")),
            "a server span for /berita");
        var spans = factory.SpansSnapshot();
        var page = spans.First(s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == "/berita");
        Assert.Contains(spans, s => s.TraceId == page.TraceId && s.Kind == ActivityKind.Client && s.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain(spans, s => s.GetTagItem("url.path") as string == HealthEndpoint.Path);
    }
}
