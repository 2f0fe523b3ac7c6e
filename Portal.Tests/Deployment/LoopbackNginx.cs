using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Portal.Shared;

namespace Portal.Tests.Deployment;

/// <summary>
/// Debian's nginx running deploy/nginx-portal.conf — the very file docs/deploy.md installs on the
/// server — on loopback, with a self-signed certificate, everything in one temporary folder, and
/// stopped by its process id. deploy/local-tls.sh does the same from bash.
/// </summary>
/// <remarks>
/// nginx is the system package (./test.sh installs it, with the brotli module, when it is missing);
/// without it the deployment tests fail with a message saying what to install, never skip.
/// PORTAL_NGINX names another nginx binary.
/// </remarks>
public sealed class LoopbackNginx : IDisposable
{
    public const string NginxVariable = "PORTAL_NGINX";
    public const string DefaultNginx = "/usr/sbin/nginx";

    private readonly DirectoryInfo _runDir;
    private readonly Process _process;
    private readonly System.Text.StringBuilder _stderr = new();

    private LoopbackNginx(DirectoryInfo runDir, Process process, X509Certificate2 certificate)
    {
        _runDir = runDir;
        _process = process;
        Certificate = certificate;
    }

    private const string AccessLogName = "portal.access.log";

    /// <summary>The site's access log, in the template's format.</summary>
    public string AccessLog => Path.Combine(_runDir.FullName, AccessLogName);

    /// <summary>The self-signed certificate nginx presents; clients trust exactly this one.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>
    /// Starts nginx for <paramref name="serverName"/> on 127.0.0.1 at the given ports, proxying to
    /// the portal at <paramref name="portal"/> from <paramref name="proxyAddress"/>.
    /// </summary>
    public static async Task<LoopbackNginx> StartAsync(string serverName, int httpPort, int httpsPort, IPEndPoint portal, IPAddress proxyAddress)
    {
        var nginx = NginxPath();
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The deployment tests run Debian's nginx: Linux only.");
        }

        var runDir = Directory.CreateTempSubdirectory("portal-nginx-");
        // Workers run as www-data when the tests run as root; they must reach their buffer folders.
        File.SetUnixFileMode(runDir.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var certificate = WriteSelfSignedCertificate(serverName, runDir.FullName);

        var site = Path.Combine(runDir.FullName, "portal-site.conf");
        var publicBaseUrl = $"https://{serverName}:{httpsPort}";
        await File.WriteAllTextAsync(site, Render(DeployFile("nginx-portal.conf"), new Dictionary<string, string>
        {
            ["SERVER_NAME"] = serverName,
            ["PUBLIC_BASE_URL"] = publicBaseUrl,
            ["HTTP_LISTEN"] = $"127.0.0.1:{httpPort}",
            ["HTTPS_LISTEN"] = $"127.0.0.1:{httpsPort}",
            ["CERTIFICATE"] = Path.Combine(runDir.FullName, "certificate.pem"),
            ["CERTIFICATE_KEY"] = Path.Combine(runDir.FullName, "key.pem"),
            ["PORTAL_ADDRESS"] = portal.ToString(),
            ["PROXY_ADDRESS"] = proxyAddress.ToString(),
            ["ACCESS_LOG"] = Path.Combine(runDir.FullName, AccessLogName),
        }));
        var main = Path.Combine(runDir.FullName, "nginx.conf");
        await File.WriteAllTextAsync(main, Render(DeployFile("nginx-loopback.conf"), new Dictionary<string, string>
        {
            ["RUN_DIR"] = runDir.FullName,
            ["SITE"] = site,
            ["USER"] = Environment.IsPrivilegedProcess ? "user www-data;" : string.Empty,
        }));

        // "daemon off": the process started here is nginx's master, so its id is the one to stop.
        var start = new ProcessStartInfo(nginx)
        {
            ArgumentList = { "-e", Path.Combine(runDir.FullName, "error.log"), "-c", main, "-g", "daemon off;" },
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{nginx} did not start.");
        var started = new LoopbackNginx(runDir, process, certificate);
        process.ErrorDataReceived += (_, line) =>
        {
            lock (started._stderr)
            {
                started._stderr.AppendLine(line.Data);
            }
        };
        process.BeginErrorReadLine();
        try
        {
            await started.WaitUntilListeningAsync(httpsPort);
        }
        catch
        {
            started.Dispose();
            throw;
        }

        return started;
    }

    public static string NginxPath() => InstalledTool.Find(NginxVariable, DefaultNginx, path =>
        $"The deployment tests run the portal behind nginx and need it at {path}, which is not there. Run ./test.sh " +
        "(it installs Debian's 'nginx' and 'libnginx-mod-http-brotli-filter' packages when it can), or install them as root: " +
        $"apt-get update && apt-get install -y nginx libnginx-mod-http-brotli-filter. Another nginx can be named with {NginxVariable}=/path/to/nginx.");

    /// <summary>Replaces every {{NAME}} and refuses a template that still has one left.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        var text = values.Aggregate(template, (current, value) => current.Replace("{{" + value.Key + "}}", value.Value, StringComparison.Ordinal));
        var lines = text.Split('\n').Where(line => !line.TrimStart().StartsWith('#') && line.Contains("{{", StringComparison.Ordinal)).ToList();
        return lines.Count == 0 ? text : throw new InvalidOperationException("Placeholders left in the nginx template: " + string.Join(" | ", lines));
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                // The master and its workers, by process id: nothing may keep the ports after the tests.
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        finally
        {
            _process.Dispose();
            Certificate.Dispose();
            try
            {
                _runDir.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Left for the temp cleaner; it holds nothing another test could meet.
            }
        }
    }

    private static string DeployFile(string name) => File.ReadAllText(Path.Combine(ContentRoot.Resolve(), "deploy", name));

    private static X509Certificate2 WriteSelfSignedCertificate(string serverName, string folder)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={serverName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(serverName);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        File.WriteAllText(Path.Combine(folder, "certificate.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(Path.Combine(folder, "key.pem"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return certificate;
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx stopped at start (exit code {_process.ExitCode}): {await ErrorsAsync()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"nginx did not listen on 127.0.0.1:{port} within 20 s: {await ErrorsAsync()}");
            }
        }
    }

    private async Task<string> ErrorsAsync()
    {
        var log = Path.Combine(_runDir.FullName, "error.log");
        var written = File.Exists(log) ? await File.ReadAllTextAsync(log) : string.Empty;
        lock (_stderr)
        {
            return (written + _stderr).Trim();
        }
    }
}
