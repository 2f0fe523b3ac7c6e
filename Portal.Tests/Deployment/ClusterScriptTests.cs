using System.Diagnostics;
using System.Globalization;
using Portal.Shared;

namespace Portal.Tests.Deployment;

/// <summary>
/// tools/cluster/cluster.sh as the README runs it: up starts PostgreSQL, three nodes and nginx;
/// a page answers through nginx; down stops every process it started, by PID, and removes its folder.
/// It starts its own PostgreSQL from Debian's packages, which the PostgreSQL pass installs.
/// </summary>
[Trait("Database", "PostgreSqlOnly")]
public class ClusterScriptTests
{
    [Fact]
    public async Task Up_answers_through_nginx_and_down_stops_every_process_it_started()
    {
        var repository = ContentRoot.Resolve();
        var folder = Path.Combine(Directory.CreateTempSubdirectory("portal-cluster-").FullName, "cluster");
        try
        {
            var (exitCode, output) = await RunAsync(repository, "up", folder);
            Assert.True(exitCode == 0, output);
            var pids = Directory.GetFiles(folder, "*.pid").ToDictionary(f => Path.GetFileName(f), f => int.Parse(File.ReadAllText(f).Trim(), CultureInfo.InvariantCulture));
            Assert.Equal(["nginx.pid", "node-a.pid", "node-b.pid", "node-c.pid", "postgres.pid"], pids.Keys.Order(StringComparer.Ordinal));
            Assert.All(pids.Values, pid => Assert.True(IsRunning(pid)));
            var nginx = File.ReadAllLines(Path.Combine(folder, "cluster.env")).Single(l => l.StartsWith("NGINX_URL=", StringComparison.Ordinal))["NGINX_URL=".Length..];

            using var http = new HttpClient();
            var nodes = new HashSet<string>();
            for (var i = 0; i < 3; i++)
            {
                using var response = await http.GetAsync(new Uri(nginx + "/berita"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                nodes.Add(response.Headers.GetValues("X-Portal-Upstream").Single());
            }

            Assert.Equal(3, nodes.Count);

            (exitCode, output) = await RunAsync(repository, "down", folder);
            Assert.True(exitCode == 0, output);
            Assert.All(pids, pid => Assert.False(IsRunning(pid.Value), $"{pid.Key} ({pid.Value}) still runs after down"));
            Assert.False(Directory.Exists(folder));
        }
        finally
        {
            await RunAsync(repository, "down", folder);
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The script with the tests' own build of the portal (the script's default is the Release build).</summary>
    private static async Task<(int ExitCode, string Output)> RunAsync(string repository, string command, string folder)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = repository };
        start.ArgumentList.Add(Path.Combine(repository, "tools", "cluster", "cluster.sh"));
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(folder);
        start.Environment["PORTAL_CLUSTER_APP"] = typeof(Program).Assembly.Location;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
