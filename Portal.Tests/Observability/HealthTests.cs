using System.Text.Json;
using Portal.Observability;
using Portal.Tests.Search;

namespace Portal.Tests.Observability;

public class HealthTests(MonitoringFactory factory) : IClassFixture<MonitoringFactory>
{
    private static readonly Uri Health = new(HealthEndpoint.Path, UriKind.Relative);

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("10.21.0.1")]
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

/// <summary>A data folder whose disk has less free space than the limits (the limits raised above any real disk).</summary>
public sealed class FullDiskFactory : PortalFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"{ObservabilityOptions.Section}:{nameof(ObservabilityOptions.FreeSpaceDegradedMegabytes)}"] = "1000000",
        [$"{ObservabilityOptions.Section}:{nameof(ObservabilityOptions.FreeSpaceUnhealthyMegabytes)}"] = "1000000",
    };
}

public class FullDiskHealthTests(FullDiskFactory factory) : IClassFixture<FullDiskFactory>
{
    [Fact]
    public async Task Too_little_free_space_is_unhealthy_with_503()
    {
        using var response = await factory.CreatePortalClient().GetAsync(new Uri(HealthEndpoint.Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }
}

/// <summary>Free space between the two limits.</summary>
public sealed class LowDiskFactory : PortalFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"{ObservabilityOptions.Section}:{nameof(ObservabilityOptions.FreeSpaceDegradedMegabytes)}"] = "1000000",
        [$"{ObservabilityOptions.Section}:{nameof(ObservabilityOptions.FreeSpaceUnhealthyMegabytes)}"] = "1",
    };
}

public class LowDiskHealthTests(LowDiskFactory factory) : IClassFixture<LowDiskFactory>
{
    [Fact]
    public async Task Little_free_space_is_degraded_and_still_200()
    {
        using var response = await factory.CreatePortalClient().GetAsync(new Uri(HealthEndpoint.Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", await response.Content.ReadAsStringAsync());
    }
}
