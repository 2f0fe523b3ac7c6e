using System.Text.Json;
using Portal.Observability;
using Portal.Tests.Search;

namespace Portal.Tests.Observability;

public class HealthTests(MonitoringFactory factory) : IClassFixture<MonitoringFactory>
{
    private static readonly Uri Health = new(HealthEndpoint.Path, UriKind.Relative);

    [Theory]
    [MemberData(nameof(MonitoringFactory.OutsideAddresses), MemberType = typeof(MonitoringFactory))]
    public async Task A_visitor_gets_only_the_status_word(string address)
    {
        using var response = await factory.ClientFrom(address).GetAsync(Health);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        Assert.Contains(await response.Content.ReadAsStringAsync(), new[] { "Healthy", "Degraded" });
    }

    [Fact]
    public async Task A_signed_in_editor_gets_only_the_status_word_too()
    {
        var client = await factory.ClientInRoleAsync(Roles.Editor);

        var body = await client.GetStringAsync(Health);

        Assert.DoesNotContain("freeSpace", body, StringComparison.Ordinal);
        Assert.Contains(body, new[] { "Healthy", "Degraded" });
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("10.20.3.4")]
    public async Task Loopback_and_the_monitoring_network_get_every_check_with_its_figures(string address)
    {
        using var response = await factory.ClientFrom(address).GetAsync(Health);

        var checks = await ChecksAsync(response);
        Assert.Equal(["content", "database", "email", "freeSpace", "search"], checks.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.True(checks.GetProperty("freeSpace").GetProperty("data").GetProperty("freeMegabytes").GetInt64() > 0);
        Assert.Equal("outbox", checks.GetProperty("email").GetProperty("data").GetProperty("delivery").GetString());
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_admin_gets_the_detail_and_the_search_lag_follows_the_database()
    {
        var client = await factory.ClientInRoleAsync(Roles.Admin);
        await factory.SearchCaughtUpAsync();

        var search = (await ChecksAsync(await client.GetAsync(Health))).GetProperty("search");

        Assert.Equal("Healthy", search.GetProperty("status").GetString());
        Assert.Equal(0, search.GetProperty("data").GetProperty("lag").GetInt64());
        Assert.Equal("Ready", search.GetProperty("data").GetProperty("state").GetString());
    }

    private static async Task<JsonElement> ChecksAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("checks").Clone();
    }
}

/// <summary>
/// Free-space limits raised above any real disk for degraded, and set either above it too (the
/// disk is full) or at 1 MB (the disk is between the two limits), each on a data folder of its own.
/// </summary>
public class DiskSpaceHealthTests
{
    [Theory]
    [InlineData("1000000", HttpStatusCode.ServiceUnavailable, "Unhealthy")]
    [InlineData("1", HttpStatusCode.OK, "Degraded")]
    public async Task Free_space_below_a_limit_is_unhealthy_with_503_or_degraded_and_still_200(
        string unhealthyMegabytes, HttpStatusCode expectedStatus, string expectedHealth)
    {
        using var factory = new DiskLimitsFactory(unhealthyMegabytes);

        using var response = await factory.CreatePortalClient().GetAsync(new Uri(HealthEndpoint.Path, UriKind.Relative));

        Assert.Equal(expectedStatus, response.StatusCode);
        Assert.Equal(expectedHealth, await response.Content.ReadAsStringAsync());
    }

    private sealed class DiskLimitsFactory(string unhealthyMegabytes) : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            [$"{ObservabilityOptions.Section}:{nameof(ObservabilityOptions.FreeSpaceDegradedMegabytes)}"] = "1000000",
            [$"{ObservabilityOptions.Section}:{nameof(ObservabilityOptions.FreeSpaceUnhealthyMegabytes)}"] = unhealthyMegabytes,
        };
    }
}
