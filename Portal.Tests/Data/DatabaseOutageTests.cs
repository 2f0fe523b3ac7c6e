using System.Diagnostics;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Portal.Caching;
using Portal.Data;
using Portal.Observability;
using Portal.Search;
using Portal.Tests.Search;

namespace Portal.Tests.Data;

/// <summary>
/// The database goes away under a running node (PostgreSQL closed to connections and the node's
/// sessions terminated, as in a failover or a restart of the server): pages that need it answer
/// with the Indonesian 503 page, /healthz says Unhealthy at once, and when the database is back the
/// node serves again and its background loops carry on, with nobody restarting anything.
/// </summary>
[Trait("Database", "PostgreSqlOnly")]
public class DatabaseOutageTests(ProductionPortalFactory factory) : IClassFixture<ProductionPortalFactory>
{
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_database_that_goes_away_gives_Indonesian_503_pages_and_the_node_recovers_by_itself()
    {
        using var visitor = VisitorWithACookie();
        using var anonymous = factory.CreatePortalClient();
        await visitor.GetPageAsync("/berita");
        Assert.Equal(HttpStatusCode.OK, await HealthAsync(anonymous));

        await AllowConnectionsAsync(false);
        try
        {
            using var response = await visitor.GetAsync(new Uri("/berita", UriKind.Relative));
            var page = await Html.ParseAsync(response);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("Layanan sedang tidak tersedia", page.Text("h1"));
            Assert.Equal("id", page.DocumentElement.GetAttribute("lang"));
            Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);

            var watch = Stopwatch.StartNew();
            using var health = await anonymous.GetAsync(new Uri(HealthEndpoint.Path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains("Unhealthy", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"/healthz took {watch.Elapsed}");
        }
        finally
        {
            await AllowConnectionsAsync(true);
        }

        await Eventually.TrueAsync(async () => await StatusAsync(visitor, "/berita") == HttpStatusCode.OK, "/berita answers 200 again", RecoveryBound);
        await Eventually.TrueAsync(async () => await HealthAsync(anonymous) == HttpStatusCode.OK, "/healthz is healthy again", RecoveryBound);

        // The followers outlived the outage: a save by another node (outside this app, so no signal
        // wakes them) reaches the search index and the page cache by their polling alone.
        var word = SearchWords.Unique();
        var article = TestData.Article(title: $"Pelatihan {word} dibuka");
        await using (var otherNode = OtherNodeDbContext())
        {
            otherNode.Add(article);
            await otherNode.SaveChangesAsync();
        }

        await factory.SearchCaughtUpAsync();
        Assert.Equal([$"/berita/{article.Slug}"], factory.Search(word).Urls());
        var latest = await factory.WithDbAsync(db => db.SearchChanges.MaxAsync(c => c.Id));
        var pageCache = factory.Services.GetRequiredService<PageCache>();
        await Eventually.TrueAsync(() => Task.FromResult(pageCache.FollowedChangeId == latest), "the page cache followed the change log past the outage", RecoveryBound);
    }

    /// <summary>A context on the same database with the same change recorder, as another node's.</summary>
    private PostgreSqlPortalDbContext OtherNodeDbContext() => new(
        PortalDbContexts.Configure(new DbContextOptionsBuilder<PostgreSqlPortalDbContext>(), DatabaseProvider.PostgreSql, TestDatabase.ConnectionString(factory.DataPath))
            .AddInterceptors(new SearchChangeRecorder(TimeProvider.System))
            .Options);

    /// <summary>A cookie of its own keeps a visitor off the shared page cache: every page is read from the database.</summary>
    private HttpClient VisitorWithACookie()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", "uji-gangguan=1");
        return client;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    private static Task<HttpStatusCode> HealthAsync(HttpClient client) => StatusAsync(client, HealthEndpoint.Path);

    /// <summary>Closes the app's database to new connections and ends its open ones, or opens it again.</summary>
    private async Task AllowConnectionsAsync(bool allowed)
    {
        var database = TestDatabase.DatabaseName(factory.DataPath);
        await using var server = new NpgsqlConnection(TestDatabase.ServerConnectionString);
        await server.OpenAsync();
        await using var alter = new NpgsqlCommand($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS {(allowed ? "true" : "false")}", server);
        await alter.ExecuteNonQueryAsync();
        if (!allowed)
        {
            await using var terminate = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @name", server);
            terminate.Parameters.AddWithValue("name", database);
            await terminate.ExecuteScalarAsync();
        }
    }
}
