using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Shared;
using Portal.Statistics;
using Portal.Training;

namespace Portal.Benchmarks;

/// <summary>
/// What /statistik costs at N applications (issue 14: "state the cost at 100,000 applications").
/// Seeds a portal database with N applications and their status history (<see cref="StatisticsData"/>),
/// times the statistics service in-process (the first computation of the process, a computation
/// after a change, a cache hit), then publishes the portal, starts it on that data folder and
/// measures over HTTP the first answer after a change and wrk's requests/s of the page and the
/// downloads. Usage (through Portal.Benchmarks/statistics-benchmark.sh, which installs wrk):
/// dotnet run -c Release --project Portal.Benchmarks -- statistics [--applications 100000] [--seed 20251124]
/// [--repeat 10] [--duration 10] [--connections 32] [--results Portal.Benchmarks/RESULTS-statistics.md]
/// </summary>
public static partial class WebBenchmark
{
    public static async Task<int> StatisticsAsync(string[] args)
    {
        var applications = Benchmark.Option(args, "--applications", 100_000);
        var seed = Benchmark.Option(args, "--seed", 20251124);
        var repeat = Math.Max(3, Benchmark.Option(args, "--repeat", 10));
        var duration = TimeSpan.FromSeconds(Benchmark.Option(args, "--duration", 10));
        var connections = Benchmark.Option(args, "--connections", 32);
        var repository = RepositoryRoot();
        var resultsFile = Path.GetFullPath(TextOption(args, "--results") ?? Path.Combine(repository, "Portal.Benchmarks", "RESULTS-statistics.md"));
        var work = Path.Combine(Path.GetTempPath(), $"portal-statistics-benchmark-{Guid.NewGuid():N}"[..37]);
        var data = Path.Combine(work, "data");
        Directory.CreateDirectory(data);
        var file = Path.Combine(data, Data.DataFolder.DatabaseFileName);
        PortalProcess? portal = null;
        var runTime = Stopwatch.StartNew();
        return await ReportedAsync("statistics", resultsFile, async cancellationToken =>
        {
            var machine = Machine.Describe();
            var year = Wib.Today(TimeProvider.System).Year;
            Console.WriteLine($"Portal statistics benchmark: {applications:N0} applications, seed {seed}; {machine.Cores} cores, {machine.Cpu}, {machine.Dotnet}");
            Console.WriteLine($"Working folder: {work} (deleted at the end)");

            var seeding = Stopwatch.StartNew();
            var seeded = await StatisticsData.SeedAsync(file, applications, year, seed);
            Console.WriteLine($"Seeded {seeded.Applications:N0} applications ({seeded.HistoryRows:N0} status changes) in {seeded.Batches} batches of {seeded.Programmes} programmes, " +
                $"{StatisticsData.FirstYear}–{year}, in {seeding.Elapsed.TotalSeconds:0.0} s; {new FileInfo(file).Length / 1024.0 / 1024:0} MB");

            var filters = new (string Name, StatisticsFilter Filter, bool Suppressed)[]
            {
                ($"public, {year}", new StatisticsFilter(year, null, null), true),
                ($"public, {year}, one programme", new StatisticsFilter(year, "barista", null), true),
                ($"public, {year}, APBN", new StatisticsFilter(year, null, FundingSource.Apbn), true),
                ($"staff (no suppression), {year}", new StatisticsFilter(year, null, null), false),
            };
            var inProcess = await TimeServiceAsync(file, filters, repeat, cancellationToken);

            var app = Path.Combine(work, "app");
            await PublishAsync(repository, app, cancellationToken);
            var port = FreePort();
            var baseUrl = $"http://127.0.0.1:{port}";
            var environment = Production(baseUrl, data);
            // The seeded data is the whole database: the shipped content would only add its own programmes.
            environment["Portal__Content__ImportOnStartup"] = "false";
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
            {
                BaseAddress = new Uri(baseUrl),
                Timeout = TimeSpan.FromSeconds(60),
            };
            Console.WriteLine("Starting the published portal on the seeded data folder…");
            portal = PortalProcess.Start(app, Path.Combine(work, "portal.log"), environment);
            await WaitForStartAsync(portal, http, TimeSpan.FromMinutes(10), cancellationToken);

            var page = "/statistik";
            var programmePage = $"/statistik?program=barista";
            var csv = $"/statistik/data/{year.ToString(CultureInfo.InvariantCulture)}/program.csv";
            var json = $"/statistik/data/{year.ToString(CultureInfo.InvariantCulture)}.json";
            var afterChange = new List<(string Address, List<double> Times)>();
            foreach (var address in new[] { page, csv, json })
            {
                afterChange.Add((address, await FirstAnswersAfterChangesAsync(file, http, address, repeat, cancellationToken)));
            }

            var plain = new Dictionary<string, string>();
            var rows = new List<Row>
            {
                new($"the page `{page}`", baseUrl + page, plain, null, Baseline.None, r => (r.Errors == 0, "no errors")),
                new($"the page of one programme `{programmePage}`", baseUrl + programmePage, plain, null, Baseline.None, r => (r.Errors == 0, "no errors")),
                new($"one table as CSV `{csv}`", baseUrl + csv, plain, null, Baseline.None, r => (r.Errors == 0, "no errors")),
                new($"the page's data as JSON `{json}`", baseUrl + json, plain, null, Baseline.None, r => (r.Errors == 0, "no errors")),
            };
            var measured = await MeasureAsync(rows, [], http, duration, connections, cancellationToken);
            var rss = PrintPeakRss(portal, "Peak RSS of the portal");

            return StatisticsReport(machine, seeded, inProcess, afterChange, measured, rss, duration, connections, repeat, runTime.Elapsed);
        },
        async () =>
        {
            if (portal is not null)
            {
                await portal.StopAsync();
                portal.Dispose();
            }

            SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        });
    }

    private sealed record ServiceTiming(string Name, double FirstMs, double AfterChangeMedianMs, double AfterChangeMaxMs, double CachedMedianMs);

    /// <summary>
    /// The service as the page calls it, a context per call as per request, one cache for the
    /// process as in the portal. "After a change" adds a status change first, which moves the
    /// data's version, so the next call computes again; "cached" calls again with nothing changed.
    /// </summary>
    private static async Task<List<ServiceTiming>> TimeServiceAsync(
        string file, (string Name, StatisticsFilter Filter, bool Suppressed)[] filters, int repeat, CancellationToken cancellationToken)
    {
        using var cache = new StatisticsCache();
        var options = Options.Create(new StatisticsOptions());
        async Task<double> ReportMsAsync(StatisticsFilter filter, bool suppressed)
        {
            await using var db = PortalDatabase.Open(file);
            var start = Stopwatch.GetTimestamp();
            var report = await new TrainingStatistics(db, cache, options, TimeProvider.System).ReportAsync(filter, suppressed, cancellationToken)
                ?? throw new InvalidOperationException($"No statistics for {filter}.");
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (report.Tables.Count == 0)
            {
                throw new InvalidOperationException($"Statistics for {filter} have no tables.");
            }

            return elapsed;
        }

        var timings = new List<ServiceTiming>();
        foreach (var (name, filter, suppressed) in filters)
        {
            var first = await ReportMsAsync(filter, suppressed);
            var afterChange = new List<double>();
            var cached = new List<double>();
            for (var i = 0; i < repeat; i++)
            {
                await AddStatusChangeAsync(file, cancellationToken);
                afterChange.Add(await ReportMsAsync(filter, suppressed));
                cached.Add(await ReportMsAsync(filter, suppressed));
            }

            afterChange.Sort();
            cached.Sort();
            var timing = new ServiceTiming(name, first, afterChange[afterChange.Count / 2], afterChange[^1], cached[cached.Count / 2]);
            Console.WriteLine($"  {name}: first {timing.FirstMs:0} ms, after a change {timing.AfterChangeMedianMs:0} ms (max {timing.AfterChangeMaxMs:0}), cached {timing.CachedMedianMs:0.00} ms");
            timings.Add(timing);
        }

        return timings;
    }

    /// <summary>
    /// An operator's decision as the portal records it: a history row. It moves no figure (the row
    /// repeats the application's status) but it moves the data's version, as every real change does.
    /// </summary>
    private static async Task AddStatusChangeAsync(string file, CancellationToken cancellationToken)
    {
        await using var db = PortalDatabase.Open(file);
        var application = await db.Applications.OrderBy(a => a.Id).Select(a => new { a.Id, a.Status }).FirstAsync(cancellationToken);
        db.ApplicationStatusChanges.Add(new ApplicationStatusChange { ApplicationId = application.Id, From = application.Status, To = application.Status, AtUtc = DateTime.UtcNow });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The first answer after a change, over HTTP: the portal computes again and renders (or writes the file).</summary>
    private static async Task<List<double>> FirstAnswersAfterChangesAsync(string file, HttpClient http, string address, int repeat, CancellationToken cancellationToken)
    {
        await CheckAsync(http, address, new Dictionary<string, string>(), cancellationToken);
        var times = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            await AddStatusChangeAsync(file, cancellationToken);
            var start = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(address, cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{address} answered {(int)response.StatusCode} after a change");
            }
        }

        times.Sort();
        Console.WriteLine($"  {address}, first answer after a change: median {times[times.Count / 2]:0} ms, max {times[^1]:0} ms");
        return times;
    }

    private static string StatisticsReport(
        Machine machine, StatisticsData.Seeded seeded, List<ServiceTiming> inProcess, List<(string Address, List<double> Times)> afterChange,
        List<(Row Row, Answer Answer, WrkResult Result)> measured, long rss, TimeSpan duration, int connections, int repeat, TimeSpan runTime)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Statistics benchmark: {seeded.Applications:N0} applications");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{machine.Date:yyyy-MM-dd HH:mm} UTC · {machine.Cores} cores, {machine.Cpu} · {machine.Os} · {machine.Dotnet} · " +
            $"{seeded.Applications:N0} applications with {seeded.HistoryRows:N0} status changes in {seeded.Batches} batches of {seeded.Programmes} programmes, " +
            $"{StatisticsData.FirstYear}–{seeded.LastYear}, both funding sources · load average before/after: {machine.LoadBefore} / {Benchmark.LoadAverage()} · whole run {runTime.TotalMinutes:0.0} min");
        text.AppendLine();
        text.AppendLine("Produced by `Portal.Benchmarks/statistics-benchmark.sh` (see the README). A change is a status change (a history row), which");
        text.AppendLine("moves the data's version, so the next request computes the figures again; until the next change every request is a cache hit.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"## The statistics service, in-process (median of {repeat})");
        text.AppendLine();
        text.AppendLine("| figures | first in the process (cold: JIT, EF model) | after a change, median | after a change, max | cached, median |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var t in inProcess)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {t.Name} | {t.FirstMs:N0} ms | {t.AfterChangeMedianMs:N0} ms | {t.AfterChangeMaxMs:N0} ms | {t.CachedMedianMs:0.00} ms |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Over HTTP: the published portal (Production, ReadyToRun) on loopback");
        text.AppendLine();
        text.AppendLine("| address | first answer after a change, median | max |");
        text.AppendLine("|---|---:|---:|");
        foreach (var (address, times) in afterChange)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{address}` | {times[times.Count / 2]:N0} ms | {times[^1]:N0} ms |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Cached (no change during the run): wrk -t1 -c{connections} -d{duration.TotalSeconds:0}s --latency after a 2 s warm-up.");
        text.AppendLine();
        text.AppendLine("| address | answer | req/s | p50 | p99 | errors |");
        text.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var (row, answer, result) in measured)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Name} | {answer} | {result.RequestsPerSecond:N0} | {result.P50Ms:0.00} ms | {result.P99Ms:0.00} ms | {result.Errors:N0} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Peak RSS of the portal (VmHWM): {rss / 1024.0 / 1024:N0} MB.");
        return text.ToString();
    }
}
