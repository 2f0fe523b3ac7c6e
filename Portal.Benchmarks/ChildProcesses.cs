using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Portal.Benchmarks;

/// <summary>
/// The published portal, started as production starts it (Production, Kestrel on loopback, its own
/// data and content folders). Its log goes to a file; the line that ends the content import is
/// noted with the time since the process started, whether the import blocks the start or runs in
/// the background.
/// </summary>
public sealed partial class PortalProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Stopwatch _sinceStart;
    private readonly Lock _gate = new();
    private readonly Queue<string> _lastLines = new();

    private PortalProcess(Process process, StreamWriter log, Stopwatch sinceStart)
    {
        _process = process;
        _log = log;
        _sinceStart = sinceStart;
    }

    public int Id => _process.Id;

    public TimeSpan SinceStart => _sinceStart.Elapsed;

    public bool HasExited => _process.HasExited;

    /// <summary>When the import's closing log line ("Content import from …") was written, and how many it added.</summary>
    public (TimeSpan At, int Added)? ImportLogged { get; private set; }

    public static PortalProcess Start(string appFolder, string logFile, IReadOnlyDictionary<string, string> environment)
    {
        var apphost = Path.Combine(appFolder, "Portal");
        var start = File.Exists(apphost) ? new ProcessStartInfo(apphost) : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(appFolder, "Portal.dll") } };
        start.WorkingDirectory = appFolder;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var sinceStart = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("The portal did not start");
        var portal = new PortalProcess(process, log, sinceStart);
        process.OutputDataReceived += (_, e) => portal.Line(e.Data);
        process.ErrorDataReceived += (_, e) => portal.Line(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return portal;
    }

    /// <summary>The last lines of the log, to show why a start failed.</summary>
    public string Tail()
    {
        lock (_gate)
        {
            return string.Join('\n', _lastLines);
        }
    }

    /// <summary>Peak resident memory (VmHWM) of the portal so far, in bytes.</summary>
    public long PeakResidentBytes() => ReadStatus("VmHWM");

    private long ReadStatus(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    private void Line(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _log.WriteLine(line);
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 40)
            {
                _lastLines.Dequeue();
            }
        }

        if (ImportLogged is null && line.Contains("Content import from", StringComparison.Ordinal))
        {
            var added = ImportAdded().Match(line);
            ImportLogged = (_sinceStart.Elapsed, added.Success ? int.Parse(added.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
        }
    }

    /// <summary>SIGTERM, as systemd stops it, then a kill if it has not ended within 20 s.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        Signals.Terminate(_process.Id);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5_000);
        }

        _process.Dispose();
        lock (_gate)
        {
            _log.Dispose();
        }
    }

    [GeneratedRegex(@"(\d+) added")]
    private static partial Regex ImportAdded();
}

/// <summary>
/// nginx serving the saved bytes of the article page, twice: plain on one loopback port, with
/// <c>gzip on</c> on another. Its own config and prefix in a temporary folder, run in the
/// foreground (daemon off) so the PID the harness holds is the master's; stopped by that PID.
/// </summary>
public sealed class NginxProcess : IDisposable
{
    public const string PagePath = "/article.html";

    private readonly Process _process;

    private NginxProcess(Process process, int plainPort, int gzipPort)
    {
        _process = process;
        PlainPort = plainPort;
        GzipPort = gzipPort;
    }

    public int PlainPort { get; }

    public int GzipPort { get; }

    public static NginxProcess Start(string folder, byte[] page, int plainPort, int gzipPort)
    {
        var root = Path.Combine(folder, "www");
        Directory.CreateDirectory(root);
        Directory.CreateDirectory(Path.Combine(folder, "temp"));
        File.WriteAllBytes(Path.Combine(root, PagePath.TrimStart('/')), page);
        // Run as root, nginx's workers become "nobody": they must be able to read the page.
        foreach (var directory in new[] { folder, root })
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }
        }

        var temp = Path.Combine(folder, "temp");
        var config = Path.Combine(folder, "nginx.conf");
        File.WriteAllText(config, $$"""
            # Written by Portal.Benchmarks: the physical limit for the same bytes on this machine.
            daemon off;
            worker_processes auto;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                sendfile on;
                tcp_nopush on;
                # Kestrel keeps a connection open for any number of requests; so does nginx here.
                keepalive_requests 1000000;
                default_type text/html;
                client_body_temp_path {{temp}}/body;
                proxy_temp_path {{temp}}/proxy;
                fastcgi_temp_path {{temp}}/fastcgi;
                uwsgi_temp_path {{temp}}/uwsgi;
                scgi_temp_path {{temp}}/scgi;
                server {
                    listen 127.0.0.1:{{plainPort}};
                    root {{root}};
                }
                server {
                    listen 127.0.0.1:{{gzipPort}};
                    root {{root}};
                    gzip on;
                }
            }
            """);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("PORTAL_NGINX") ?? "nginx")
        {
            ArgumentList = { "-c", config, "-p", folder, "-e", Path.Combine(folder, "error.log") },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        return new NginxProcess(Process.Start(start) ?? throw new InvalidOperationException("nginx did not start"), plainPort, gzipPort);
    }

    /// <summary>SIGQUIT: nginx's graceful stop, to the master's PID; a kill after 10 s.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Signals.Quit(_process.Id);
            if (!_process.WaitForExit(10_000))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5_000);
            }
        }

        _process.Dispose();
    }

    public string Failure() => _process.HasExited ? _process.StandardError.ReadToEnd() : string.Empty;
}

/// <summary>POSIX signals to one process by its id (Process.Kill only sends SIGKILL).</summary>
internal static class Signals
{
    private const int SigQuit = 3;
    private const int SigTerm = 15;

    public static void Terminate(int pid) => _ = Kill(pid, SigTerm);

    public static void Quit(int pid) => _ = Kill(pid, SigQuit);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
