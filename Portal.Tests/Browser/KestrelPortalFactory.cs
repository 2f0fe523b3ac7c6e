namespace Portal.Tests.Browser;

/// <summary>
/// The portal on real Kestrel at http://127.0.0.1:{free port}, for a real browser. It is the same
/// <see cref="PortalFactory"/> the page tests use — temporary data folder, settable <see cref="PortalFactory.Clock"/>,
/// <see cref="PortalFactory.WithDbAsync{T}"/> — only served over a socket instead of the in-memory test server.
/// </summary>
/// <remarks>
/// Hosted in the test process rather than as a child `dotnet Portal.dll`: nothing can outlive the test run
/// (no orphaned server holding a port after a crash), there is no port to guess or health check to poll
/// (a free port is taken the moment before Kestrel binds it), and later
/// journeys can seed staff accounts, read the outbox or move the clock through the app's own services.
/// The environment is Production, so the browser sees what a citizen sees: friendly error pages.
/// The app's clock is the factory's fake one (<see cref="PortalFactory.DefaultNow"/>), so every run shows the
/// same pages (days left, screenshots); Chromium keeps real time, so a persistent cookie the app dates from
/// that clock could already look expired to it: sign in without "remember me", or move the clock to now.
/// </remarks>
public sealed class KestrelPortalFactory : PortalFactory
{
    /// <summary>
    /// A free port chosen before the app starts, because the portal's public address (its emailed
    /// links, its allowed host) is configuration and must name the port the browser uses.
    /// </summary>
    private readonly int _port = LoopbackPorts.Free();

    public KestrelPortalFactory()
    {
        UseKestrel(_port);
    }

    public override string PublicBaseUrl => $"http://127.0.0.1:{_port}";

    protected override string EnvironmentName => "Production";


    /// <summary>Starts the server and returns its address, e.g. http://127.0.0.1:41873/.</summary>
    public Uri Start()
    {
        StartServer();
        return ClientOptions.BaseAddress;
    }
}
