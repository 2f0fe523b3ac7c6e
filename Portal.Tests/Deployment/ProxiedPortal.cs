using System.Net.Security;
using System.Net.Sockets;

namespace Portal.Tests.Deployment;

/// <summary>
/// The portal on real Kestrel (Production) behind <see cref="LoopbackNginx"/>, addressed as a
/// browser would: https://pelatihan.test:{port}. Three loopback addresses keep the parties apart:
/// nginx and Kestrel listen on 127.0.0.1, nginx connects to Kestrel from 127.0.0.3 (the only
/// trusted proxy), a visitor comes from 127.0.0.2, and a client talking to Kestrel directly comes
/// from 127.0.0.1, an address the portal must not believe forwarded headers from.
/// </summary>
public sealed class ProxiedPortal : IAsyncLifetime
{
    public const string ServerName = "pelatihan.test";
    public static readonly IPAddress ProxyAddress = IPAddress.Parse("127.0.0.3");
    public static readonly IPAddress VisitorAddress = IPAddress.Parse("127.0.0.2");
    public static readonly IPAddress DirectAddress = IPAddress.Loopback;

    private LoopbackNginx? _nginx;

    public ProxiedPortal()
    {
        HttpPort = LoopbackPorts.Free();
        HttpsPort = LoopbackPorts.Free();
        Portal = new Factory(this);
    }

    public int HttpPort { get; }

    public int HttpsPort { get; }

    public int KestrelPort { get; private set; }

    public PortalFactory Portal { get; }

    /// <summary>Every line the portal logged, formatted (the factory's own log capture).</summary>
    public IReadOnlyCollection<string> Log => Portal.Logs.Lines;

    /// <summary>nginx's access log of the site.</summary>
    public string NginxAccessLog => _nginx?.AccessLog ?? throw new InvalidOperationException("nginx has not started");

    public Uri HttpsAddress => new($"https://{ServerName}:{HttpsPort}/");

    public Uri HttpAddress => new($"http://{ServerName}:{HttpPort}/");

    public Uri KestrelAddress => new($"http://{ServerName}:{KestrelPort}/");

    public async Task InitializeAsync()
    {
        // Fail with the install hint before starting anything.
        LoopbackNginx.NginxPath();
        ((Factory)Portal).Start();
        KestrelPort = ((Factory)Portal).Port;
        _nginx = await LoopbackNginx.StartAsync(ServerName, HttpPort, HttpsPort, new IPEndPoint(IPAddress.Loopback, KestrelPort), ProxyAddress);
    }

    public Task DisposeAsync()
    {
        _nginx?.Dispose();
        Portal.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>
    /// A client that resolves <see cref="ServerName"/> to 127.0.0.1, connects from <paramref name="from"/>,
    /// trusts only nginx's self-signed certificate, keeps cookies, and follows no redirect.
    /// </summary>
    public HttpClient Client(IPAddress from, Uri baseAddress, CookieContainer? cookies = null)
    {
        var certificate = _nginx?.Certificate ?? throw new InvalidOperationException("nginx is not running.");
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = cookies ?? new CookieContainer(),
            AutomaticDecompression = DecompressionMethods.None,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) =>
                    presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(certificate.RawData),
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress };
    }

    private sealed class Factory(ProxiedPortal owner) : PortalFactory
    {
        public int Port { get; private set; }

        protected override string EnvironmentName => "Production";

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Portal:Proxy:KnownProxies:0"] = ProxyAddress.ToString(),
            ["Portal:Site:PublicBaseUrl"] = $"https://{ServerName}:{owner.HttpsPort}",
            // The portal's own redirect of plain HTTP (reached without nginx) goes to nginx's HTTPS port.
            ["https_port"] = owner.HttpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        public void Start()
        {
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            StartServer();
            Port = ClientOptions.BaseAddress.Port;
        }
    }
}
