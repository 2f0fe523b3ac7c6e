using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Portal.Observability;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Observability;

/// <summary>
/// The app with a monitoring network configured, and requests that come from a chosen client
/// address: the in-memory test server has no network, so the test says where a request comes
/// from (as Kestrel, or ForwardedHeaders behind the proxy, would set it).
/// </summary>
public sealed class MonitoringFactory : PortalFactory
{
    public const string MonitoringNetwork = "10.20.0.0/16";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"{ObservabilityOptions.Section}:{nameof(ObservabilityOptions.MetricsAllowedNetworks)}:0"] = MonitoringNetwork,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ClientAddressFilter>());
    }

    /// <summary>A client whose requests come from the address.</summary>
    public HttpClient ClientFrom(string address)
    {
        var client = CreatePortalClient();
        client.DefaultRequestHeaders.Add(ClientAddressFilter.Header, address);
        return client;
    }

    /// <summary>Runs first in the pipeline: the address of the test's choosing, as a real connection would have it.</summary>
    private sealed class ClientAddressFilter : IStartupFilter
    {
        public const string Header = "X-Test-Client-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
