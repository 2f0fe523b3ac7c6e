using System.Diagnostics;

namespace Portal.Benchmarks;

/// <summary>
/// A cluster started by tools/cluster/cluster.sh, read from its folder (cluster.env, the ports, the
/// generated staff password and connection string), and driven through the same script: kill a
/// node, restart it, change the nodes nginx round-robins over.
/// </summary>
public sealed class ClusterControl
{
    public static readonly string[] NodeNames = ["a", "b", "c"];

    private readonly string _script;

    private ClusterControl(string folder, string script)
    {
        Folder = folder;
        _script = script;
        var settings = File.ReadAllLines(Path.Combine(folder, "cluster.env"))
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1]);
        Nginx = new Uri(settings["NGINX_URL"]);
        Nodes = NodeNames.ToDictionary(n => n, n => new Uri(settings[$"NODE_{n.ToUpperInvariant()}_URL"]));
        AdminEmail = settings["ADMIN_EMAIL"];
        AdminPassword = File.ReadAllText(Path.Combine(folder, "admin-password")).Trim();
        ConnectionString = File.ReadAllText(Path.Combine(folder, "connection-string")).Trim();
        // nginx names the upstream it used by address; the benchmark names it by node.
        UpstreamNames = Nodes.ToDictionary(n => $"{n.Value.Host}:{n.Value.Port}", n => n.Key);
    }

    public string Folder { get; }

    public Uri Nginx { get; }

    public IReadOnlyDictionary<string, Uri> Nodes { get; }

    public IReadOnlyDictionary<string, string> UpstreamNames { get; }

    public string AdminEmail { get; }

    public string AdminPassword { get; }

    public string ConnectionString { get; }

    public static ClusterControl Open(string folder, string repository) =>
        new(Path.GetFullPath(folder), Path.Combine(repository, "tools", "cluster", "cluster.sh"));

    public string NodeLog(string node) => Path.Combine(Folder, $"node-{node}.log");

    public Browser BrowserOf(Uri address) => new(address, UpstreamNames);

    public Task KillNodeAsync(string node, CancellationToken cancellationToken) => RunAsync(cancellationToken, "kill-node", Folder, node);

    public Task RestartNodeAsync(string node, CancellationToken cancellationToken) => RunAsync(cancellationToken, "restart-node", Folder, node);

    /// <summary>nginx round-robins over these nodes from now on (a reload; old workers finish their requests).</summary>
    public async Task UpstreamAsync(IEnumerable<string> nodes, CancellationToken cancellationToken)
    {
        await RunAsync(cancellationToken, ["upstream", Folder, .. nodes]);
        // The reload starts new workers; give the old ones a moment to hand over.
        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
    }

    private async Task RunAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(_script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"cluster.sh {string.Join(' ', arguments)} failed: {(await error).Trim()} {(await output).Trim()}");
        }
    }
}
