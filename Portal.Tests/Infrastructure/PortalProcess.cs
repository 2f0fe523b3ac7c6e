using System.Diagnostics;
using System.Text;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The portal as a server runs it: `dotnet exec Portal.dll` in a child process with Production
/// settings, on a data folder that outlives the process. Unlike <see cref="PortalFactory"/> it can
/// be killed outright (<see cref="Kill"/> is SIGKILL: nothing is flushed, disposed or committed)
/// and started again on what it left. Portal.dll is the build output of the referenced Portal
/// project, copied beside the test assembly with its runtimeconfig and deps files; the portal
/// finds the repository root as its content root from there (see ContentRoot).
/// </summary>
public sealed class PortalProcess(string dataPath) : IDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(90);

    private readonly StringBuilder _output = new();
    private Process? _process;

    public string DataPath { get; } = dataPath;

    /// <summary>The same address across restarts, so that a client keeps its cookies.</summary>
    public Uri BaseAddress { get; } = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");

    /// <summary>What the processes wrote to stdout and stderr, for a failing test's message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Runs a command of the portal (`admin create …`) to its end.</summary>
    public async Task<int> RunCommandAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Launch(args, environment);
        await process.WaitForExitAsync().WaitAsync(StartBound);
        return process.ExitCode;
    }

    /// <summary>Starts the server and returns once it answers HTTP.</summary>
    public async Task StartAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("The portal is already running.");
        }

        _process = Launch(["--urls", BaseAddress.ToString()], new Dictionary<string, string>());
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartBound;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new Xunit.Sdk.XunitException($"The portal stopped with exit code {_process.ExitCode} while starting:\n{Output}");
            }

            try
            {
                // Kestrel listens once the migration is done; the content import then runs in the
                // background, and tests start on the whole content, as with the factory.
                using var response = await client.GetAsync(new Uri("/robots.txt", UriKind.Relative));
                if (await ContentImportedAsync(client))
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"The portal did not answer with its content imported within {StartBound.TotalSeconds} s:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The health detail (loopback sees it) says the start-up import has ended.</summary>
    private static async Task<bool> ContentImportedAsync(HttpClient client)
    {
        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var json = System.Text.Json.JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("checks").GetProperty("content").GetProperty("status").GetString() == "Healthy";
    }

    /// <summary>kill -9: the process ends at once, as in a power cut or an out-of-memory kill.</summary>
    public void Kill()
    {
        if (_process is null)
        {
            return;
        }

        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    public void Dispose() => Kill();

    private Process Launch(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portal.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Portal__DataPath"] = DataPath;
        start.Environment["Portal__Site__PublicBaseUrl"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in TestDatabase.EnvironmentVariables(DataPath))
        {
            start.Environment[name] = value;
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>The dotnet host running the tests (`dotnet exec testhost.dll`), else the one on the PATH.</summary>
    private static string DotnetHost() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

}
