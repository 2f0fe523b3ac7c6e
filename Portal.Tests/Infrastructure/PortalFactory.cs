using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Portal.Content;
using Portal.Data;
using Portal.Search;
using Portal.Security;
using Portal.Shared;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The real app over HTTP, with its own temporary data folder (SQLite file, index, outbox) and a
/// clock the test sets. One per test class (IClassFixture), so classes run in parallel safely.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    /// <summary>Wednesday 26 November 2025, 10:00 WIB: after the 36-participant press release.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2025, 11, 26, 10, 0, 0, TimeSpan.FromHours(7));

    private readonly bool _ownsDataFolder;
    private SearchIndex? _searchIndex;

    public PortalFactory()
        : this(null)
    {
    }

    /// <summary>
    /// On an existing data folder, to start the app again over what an earlier instance left
    /// (restart tests); such a folder is left in place on dispose for the next instance.
    /// Protected because a class fixture may have only one public constructor.
    /// </summary>
    protected PortalFactory(string? dataPath)
    {
        _ownsDataFolder = dataPath is null;
        DataPath = dataPath ?? NewDataPath();
        Directory.CreateDirectory(DataPath);
    }

    public static string NewDataPath() => Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));

    public string DataPath { get; }

    /// <summary>The data folder whose database this app uses: its own, or another app's when several nodes share one.</summary>
    public virtual string DatabasePath => DataPath;

    public FakeTimeProvider Clock { get; } = new(DefaultNow);

    /// <summary>Every log line of this app; each is also checked for leaks of personal data (see <see cref="RunLog"/>).</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>The emails the portal wrote to data/outbox.</summary>
    public OutboxReader Outbox => new(DataPath, Clock, DatabasePath);

    /// <summary>Environment name; "Production" shows the friendly error pages.</summary>
    protected virtual string EnvironmentName => "Testing";

    /// <summary>
    /// The portal's configured public address. The in-memory test server's requests carry
    /// Host: localhost, so this is the address tests see in links; required outside Development.
    /// </summary>
    public virtual string PublicBaseUrl => "http://localhost";

    /// <summary>False for a test of the site while its start-up import still runs.</summary>
    protected virtual bool AwaitContentImport => true;

    /// <summary>The database the app runs on: the suite's, unless a test class needs one of its own.</summary>
    protected virtual DatabaseProvider Database => TestDatabase.Provider;

    /// <summary>Extra configuration for a test class (e.g. another content folder).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>A test-only request header that sets the request's client address (see <see cref="ClientAddressFromHeader"/>).</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    public HttpClient CreatePortalClient(bool followRedirects = true) =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects, HandleCookies = true });

    /// <summary>A client whose every request comes from the given address, as the rate limits see it.</summary>
    public HttpClient ClientFrom(string clientAddress, bool followRedirects = true)
    {
        var client = CreatePortalClient(followRedirects);
        client.DefaultRequestHeaders.Add(ClientAddressHeader, clientAddress);
        return client;
    }

    /// <summary>
    /// Limits for the tests: far above production's, since one test client signs in and registers
    /// hundreds of times; a test class about the limits lowers them again.
    /// </summary>
    protected virtual void ConfigureRateLimits(RateLimitOptions limits)
    {
        limits.SignInsPerMinute = 100_000;
        limits.RegistrationsPerHour = 100_000;
        limits.PasswordResetsPerHour = 100_000;
        limits.EmailsPerAddressPerHour = 100_000;
        limits.ApplicationsPerHour = 100_000;
        limits.ProfileSavesPerHour = 100_000;
        limits.SearchesPerMinute = 100_000;
        limits.UploadsPerMinute = 100_000;
    }

    /// <summary>
    /// For a configuration that must stop the start: asserts that the app does not start and
    /// returns what it logged, which names the wrong setting.
    /// </summary>
    public string StartFailure()
    {
        Assert.ThrowsAny<InvalidOperationException>(() => Server);
        return string.Join('\n', Logs.Lines);
    }

    /// <summary>Runs work against the database in a scope of the app's own services.</summary>
    public async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    public async Task WithDbAsync(Func<PortalDbContext, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    /// <summary>Saves new rows in one SaveChanges of the app's own DbContext (its change log included).</summary>
    public Task AddAsync(params object[] entities) => WithDbAsync(db =>
    {
        db.AddRange(entities);
        return db.SaveChangesAsync();
    });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Portal:DataPath", DataPath);
        builder.UseSetting("Portal:Content:IncludeDemoBatches", "true");
        builder.UseSetting(SiteOptions.PublicBaseUrlKey, PublicBaseUrl);
        foreach (var (key, value) in TestDatabase.Settings(DatabasePath, Database))
        {
            builder.UseSetting(key, value);
        }

        if (DatabasePath != DataPath && Database == DatabaseProvider.Sqlite)
        {
            // The app's SQLite file is its data folder's; this node opens the other app's instead.
            builder.UseSetting(DatabaseOptions.ConnectionStringKey, TestDatabase.ConnectionString(DatabasePath, Database));
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.PostConfigure<RateLimitOptions>(ConfigureRateLimits);
            services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
        });
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        _searchIndex = host.Services.GetRequiredService<SearchIndex>();
        if (AwaitContentImport)
        {
            // The import runs in the background; tests start on the whole content, as before.
            host.Services.GetRequiredService<ContentImportStatus>().Completion.GetAwaiter().GetResult();
        }

        return host;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // Program's app.Run() also returns when the factory stops the host, and disposes it on the
        // entry point's thread; whichever disposal starts first does the work, so the factory's can
        // return while the index is still committing. The index's Dispose waits for one in progress
        // (or does it): a restart test must not touch the folder of an index that is still closing.
        _searchIndex?.Dispose();
        if (disposing && _ownsDataFolder)
        {
            TestDatabase.Drop(DataPath);
            try
            {
                Directory.Delete(DataPath, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by the OS is left for the temp cleaner; it never affects another test.
            }
        }
    }
}

/// <summary>
/// The test server has no client address of its own (RemoteIpAddress is null); a request with
/// <see cref="PortalFactory.ClientAddressHeader"/> comes from the address it names, first thing
/// in the pipeline. Test-only: the app itself trusts no header for this.
/// </summary>
internal sealed class ClientAddressFromHeader : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[PortalFactory.ClientAddressHeader], out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}

/// <summary>
/// One node of several on one database: a data folder of its own (search index, outbox), the
/// database of <paramref name="databasePath"/>, and its name among the nodes. The test owns the
/// database's folder (see <see cref="SharedDatabase"/>).
/// </summary>
public sealed class ClusterNodeFactory(string databasePath, string nodeName, IDictionary<string, string?>? settings = null) : PortalFactory
{
    public const string NodeNameKey = "Portal:Node:Name";

    public string NodeName => nodeName;

    public override string DatabasePath => databasePath;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
    {
        [NodeNameKey] = nodeName,
    };
}

/// <summary>A database for several <see cref="ClusterNodeFactory"/> apps, named after a folder of its own; dropped with that folder on dispose.</summary>
public sealed class SharedDatabase : IDisposable
{
    public string Path { get; } = PortalFactory.NewDataPath();

    public SharedDatabase() => Directory.CreateDirectory(Path);

    public PortalDbContext Open() => TestDatabase.Open(Path);

    public void Dispose()
    {
        TestDatabase.Drop(Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner, as the factories' own folders are.
        }
    }
}

/// <summary>The app over a data folder that outlives it, to start again on what it left (restart tests).</summary>
public class RestartablePortalFactory(string dataPath) : PortalFactory(dataPath);

/// <summary>The app on SQLite in either pass of the suite: the portal that `admin migrate-database` moves to PostgreSQL.</summary>
public class SqlitePortalFactory : PortalFactory
{
    protected override DatabaseProvider Database => DatabaseProvider.Sqlite;
}

/// <summary>The same app as Production sees it: friendly error pages, no developer exception page.</summary>
public class ProductionPortalFactory : PortalFactory
{
    protected override string EnvironmentName => "Production";
}
