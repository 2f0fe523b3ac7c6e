using Portal.Observability;
using Portal.Tests.Search;

namespace Portal.Tests.Observability;

public class MetricsTests(MonitoringFactory factory) : IClassFixture<MonitoringFactory>
{
    private static readonly Uri Metrics = new(ObservabilityServices.MetricsPath, UriKind.Relative);

    [Theory]
    [MemberData(nameof(MonitoringFactory.OutsideAddresses), MemberType = typeof(MonitoringFactory))]
    public async Task Metrics_are_not_found_from_outside_the_monitoring_network(string address)
    {
        using var response = await factory.ClientFrom(address).GetAsync(Metrics);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("portal_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_monitoring_address_that_forwards_for_someone_else_without_being_a_trusted_proxy_is_not_a_monitor()
    {
        var client = factory.ClientFrom("10.20.0.9");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.50");

        using var metrics = await client.GetAsync(Metrics);
        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        Assert.DoesNotContain("checks", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_not_found_for_an_admin_either()
    {
        var client = await factory.ClientInRoleAsync(Roles.Admin);

        using var response = await client.GetAsync(Metrics);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Loopback_and_the_monitoring_network_read_the_portals_own_figures()
    {
        var user = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id));
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        await factory.SubmitApplicationAsync(user.Id, batch.Id);
        factory.Services.GetRequiredService<PortalMetrics>().RateLimitRejected("masuk");
        await factory.SearchCaughtUpAsync();
        (await factory.CreatePortalClient().GetAsync(new Uri("/", UriKind.Relative))).Dispose();

        var fromLoopback = await ScrapeAsync("127.0.0.1");
        var fromMonitor = await ScrapeAsync("10.20.0.9");

        foreach (var text in new[] { fromLoopback, fromMonitor })
        {
            Assert.Matches(@"(?m)^portal_applications_submitted_total(\{[^}]*\})? [1-9]", text);
            Assert.Matches(@"(?m)^portal_emails_queued_total\{[^}]*delivery=""outbox""[^}]*\} [1-9]", text);
            Assert.Matches(@"(?m)^portal_rate_limit_rejections_total\{[^}]*policy=""masuk""[^}]*\} 1", text);
            Assert.Matches(@"(?m)^portal_search_index_lag(\{[^}]*\})? 0", text);
            Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        }
    }

    private async Task<string> ScrapeAsync(string address)
    {
        using var response = await factory.ClientFrom(address).GetAsync(Metrics);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}

/// <summary>A monitoring network written wrongly ("/33" is no IPv4 prefix).</summary>
public sealed class WrongNetworkFactory : PortalFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"{ObservabilityOptions.Section}:{nameof(ObservabilityOptions.MetricsAllowedNetworks)}:0"] = "10.20.0.0/33",
    };
}

public class WrongNetworkTests
{
    [Fact]
    public void A_monitoring_network_that_is_not_CIDR_stops_the_start_naming_the_setting()
    {
        using var factory = new WrongNetworkFactory();

        Assert.Contains("Portal:Observability:MetricsAllowedNetworks", factory.StartFailure(), StringComparison.Ordinal);
    }
}
