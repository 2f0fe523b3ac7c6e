using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Benchmarks;

/// <summary>
/// The web benchmark of issue 10: the published portal in Production on loopback with N synthetic
/// press releases beside the shipped content, its start-up and import timed, then wrk against its
/// public pages, and nginx serving the same bytes of the article page in the same run as the
/// physical limit. Usage (through Portal.Benchmarks/web-benchmark.sh, which installs wrk and nginx):
/// dotnet run -c Release --project Portal.Benchmarks -- web [--articles 10000] [--seed 20251124]
/// [--duration 10] [--connections 32] [--results Portal.Benchmarks/RESULTS.md] [--start-timeout 1800]
/// </summary>
public static partial class WebBenchmark
{
    private const string PopularQuery = "pelatihan barista";
    private const int MixedQueryCount = 240;
    private const string CompressedEncodings = "gzip, br";

    public static async Task<int> RunAsync(string[] args)
    {
        var articles = Benchmark.Option(args, "--articles", 10_000);
        var seed = Benchmark.Option(args, "--seed", 20251124);
        var duration = TimeSpan.FromSeconds(Benchmark.Option(args, "--duration", 10));
        var connections = Benchmark.Option(args, "--connections", 32);
        var startTimeout = TimeSpan.FromSeconds(Benchmark.Option(args, "--start-timeout", 1800));
        var repository = RepositoryRoot();
        var resultsFile = Path.GetFullPath(TextOption(args, "--results") ?? Path.Combine(repository, "Portal.Benchmarks", "RESULTS.md"));
        var work = Path.Combine(Path.GetTempPath(), $"portal-web-benchmark-{Guid.NewGuid():N}"[..30]);
        Directory.CreateDirectory(work);

        // The one portal running at a time; stopped before the next start, and at the end whatever happens.
        PortalProcess? portal = null;
        async Task StopPortalAsync()
        {
            if (portal is not null)
            {
                await portal.StopAsync();
                portal.Dispose();
                portal = null;
            }
        }

        NginxProcess? nginx = null;
        var runTime = Stopwatch.StartNew();
        return await ReportedAsync("web", resultsFile, async cancellationToken =>
        {
            var machine = Machine.Describe();
            Console.WriteLine($"Portal web benchmark: {articles:N0} synthetic press releases, seed {seed}; {machine.Cores} cores, {machine.Cpu}, {machine.Os}, {machine.Dotnet}");
            Console.WriteLine($"Working folder: {work} (deleted at the end)");

            var app = Path.Combine(work, "app");
            await PublishAsync(repository, app, cancellationToken);

            Console.WriteLine($"Writing {articles:N0} press releases beside a copy of content/…");
            var content = Path.Combine(work, "content");
            CopyFolder(Path.Combine(repository, "content"), content);
            var shippedNews = Directory.GetFiles(Path.Combine(content, "news"), "*.md").Length;
            var corpus = new SyntheticCorpus(seed);
            PressReleaseFiles.Write(Path.Combine(content, "news"), corpus, articles);

            var port = FreePort();
            var baseUrl = $"http://127.0.0.1:{port}";
            var environment = Production(baseUrl, Path.Combine(work, "data"));
            environment["Portal__Content__Path"] = content;
            // wrk is one client address asking thousands of times a second: the per-address search
            // limit (60 a minute) is for people and scripts on the internet, not for this load generator.
            environment["Portal__RateLimits__SearchesPerMinute"] = "1000000";
            var log = Path.Combine(work, "portal.log");
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
            {
                BaseAddress = new Uri(baseUrl),
                Timeout = TimeSpan.FromSeconds(30),
            };

            Console.WriteLine("First start (import and index)…");
            portal = PortalProcess.Start(app, log, environment);
            var firstStart = await WaitForStartAsync(portal, http, startTimeout, cancellationToken);
            Console.WriteLine($"  first 200 after {firstStart.FirstOk.TotalSeconds:0.0} s, healthy after {firstStart.Healthy.TotalSeconds:0.0} s" +
                (portal.ImportLogged is { } imported ? $", import logged after {imported.At.TotalSeconds:0.0} s ({imported.Added:N0} added)" : ""));
            var importLogged = portal.ImportLogged;
            var importRss = PrintPeakRss(portal, "  peak RSS of the first start");
            await StopPortalAsync();

            Console.WriteLine("Second start (nothing to import)…");
            portal = PortalProcess.Start(app, log, environment);
            var secondStart = await WaitForStartAsync(portal, http, startTimeout, cancellationToken);
            Console.WriteLine($"  first 200 after {secondStart.FirstOk.TotalSeconds:0.00} s, healthy after {secondStart.Healthy.TotalSeconds:0.00} s");

            var totalArticles = articles + shippedNews;
            var lastPage = await LastNewsPageAsync(http, cancellationToken);
            var article = "/berita/" + Path.GetFileNameWithoutExtension(Directory.GetFiles(Path.Combine(repository, "content", "news"), "*.md").Order(StringComparer.Ordinal).First());
            var programme = "/pelatihan/" + Path.GetFileNameWithoutExtension(Directory.GetFiles(Path.Combine(repository, "content", "programmes"), "*.md").Order(StringComparer.Ordinal).First());
            var stylesheet = "/css/" + Path.GetFileName(Directory.GetFiles(Path.Combine(repository, "wwwroot", "css"), "*.css").Order(StringComparer.Ordinal).First());
            var mixScript = Path.Combine(work, "search-mix.lua");
            var mix = MixedQueries(corpus, seed);
            File.WriteAllText(mixScript, LuaScript(mix));

            // nginx serves exactly the bytes the portal answered for the article, without compression.
            var articleBytes = await http.GetByteArrayAsync(article, cancellationToken);
            nginx = NginxProcess.Start(Path.Combine(work, "nginx"), articleBytes, FreePort(), FreePort());
            await WaitForNginxAsync(nginx, cancellationToken);

            var plain = new Dictionary<string, string>();
            var compressed = new Dictionary<string, string> { ["Accept-Encoding"] = CompressedEncodings };
            var nginxPlainUrl = $"http://127.0.0.1:{nginx.PlainPort}{NginxProcess.PagePath}";
            var nginxGzipUrl = $"http://127.0.0.1:{nginx.GzipPort}{NginxProcess.PagePath}";
            var popularUrl = baseUrl + "/cari?q=" + Uri.EscapeDataString(PopularQuery).Replace("%20", "+", StringComparison.Ordinal);
            var rows = new List<Row>
            {
                new("nginx, the article page's bytes", nginxPlainUrl, plain, null, Baseline.None, _ => (true, "the limit")),
                new("nginx `gzip on`, the same bytes", nginxGzipUrl, compressed, null, Baseline.None, _ => (true, "the limit, compressed")),
                new($"one article `{article}`", baseUrl + article, plain, null, Baseline.Plain, PageTarget),
                new("home `/`", baseUrl + "/", plain, null, Baseline.Plain, PageTarget),
                new("news list `/berita`", baseUrl + "/berita", plain, null, Baseline.Plain, PageTarget),
                new($"deep page `/berita?halaman={lastPage}`", baseUrl + $"/berita?halaman={lastPage}", plain, null, Baseline.Plain, CachedOnly),
                new($"programme `{programme}`", baseUrl + programme, plain, null, Baseline.Plain, PageTarget),
                new($"`/cari`, one popular query ({PopularQuery})", popularUrl, plain, null, Baseline.Plain,
                    r => (r.RequestsPerSecond >= 5_000 && r.Errors == 0, "≥ 5,000 req/s")),
                new($"`/cari`, {mix.Count} different two-word queries", baseUrl + "/cari", plain, mixScript, Baseline.Plain, CachedOnly),
                new($"static file `{stylesheet}`", baseUrl + stylesheet, plain, null, Baseline.Plain, r => (r.Errors == 0, "no errors")),
                new("one article, `Accept-Encoding: gzip, br`", baseUrl + article, compressed, null, Baseline.Compressed, CompressedTarget),
                new("home, `Accept-Encoding: gzip, br`", baseUrl + "/", compressed, null, Baseline.Compressed, CompressedTarget),
            };

            var measured = await MeasureAsync(rows, mix, http, duration, connections, cancellationToken);
            var loadRss = PrintPeakRss(portal, "Peak RSS of the portal under the load (cached)");
            await StopPortalAsync();

            // With the page cache, the deep page and the /cari mix are cache hits after the warm-up: they
            // say nothing about pagination and search. A third start of the same data folder without the
            // cache puts the database and the index to work; the deep-page and mix targets are judged here.
            Console.WriteLine("Third start, page cache off (the database and the index at work)…");
            portal = PortalProcess.Start(app, log, new Dictionary<string, string>(environment) { ["Portal__PageCache__Enabled"] = "false" });
            var thirdStart = await WaitForStartAsync(portal, http, startTimeout, cancellationToken);
            Console.WriteLine($"  first 200 after {thirdStart.FirstOk.TotalSeconds:0.00} s, healthy after {thirdStart.Healthy.TotalSeconds:0.00} s");
            var uncachedFirstPageP50 = double.NaN;
            var uncachedRows = new List<Row>
            {
                new("news list `/berita`", baseUrl + "/berita", plain, null, Baseline.Plain, r =>
                {
                    uncachedFirstPageP50 = r.P50Ms;
                    return (r.Errors == 0, "no errors (the base of the deep page's target)");
                }),
                new($"deep page `/berita?halaman={lastPage}`", baseUrl + $"/berita?halaman={lastPage}", plain, null, Baseline.Plain,
                    r => (r.P50Ms <= 2 * uncachedFirstPageP50 && r.Errors == 0, $"p50 ≤ 2× `/berita`'s ({2 * uncachedFirstPageP50:0.00} ms)")),
                new($"`/cari`, one popular query ({PopularQuery})", popularUrl, plain, null, Baseline.Plain,
                    r => (r.Errors == 0, "no errors (≥ 5,000 req/s is judged cached, above)")),
                new($"`/cari`, {mix.Count} different two-word queries", baseUrl + "/cari", plain, mixScript, Baseline.Plain,
                    r => (r.RequestsPerSecond >= 500 && r.Errors == 0, "≥ 500 req/s at 100,000 articles")),
            };
            var uncached = await MeasureAsync(uncachedRows, mix, http, duration, connections, cancellationToken);
            var uncachedRss = PrintPeakRss(portal, "Peak RSS of the portal under the load (uncached)");

            return Report(
                machine, articles, totalArticles, duration, connections, importLogged, firstStart, secondStart, measured, uncached,
                new PeakRss(importRss, loadRss, uncachedRss), runTime.Elapsed);
        },
        async () =>
        {
            await StopPortalAsync();
            nginx?.Dispose();
            Directory.Delete(work, recursive: true);
        });
    }

    /// <summary>The published portal as deployed (Production), on a loopback address with a data folder of its own.</summary>
    private static Dictionary<string, string> Production(string baseUrl, string dataPath) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_URLS"] = baseUrl,
        ["DOTNET_NOLOGO"] = "1",
        ["Portal__DataPath"] = dataPath,
        ["Portal__Site__PublicBaseUrl"] = baseUrl,
    };

    /// <summary>
    /// Runs a benchmark to its report, prints it and writes it to <paramref name="resultsFile"/>;
    /// Ctrl+C stops it cleanly, and <paramref name="cleanUp"/> (stopping processes by their PIDs,
    /// deleting the working folder) runs whatever happens. Exit code 0, 1 on failure, 130 when stopped.
    /// </summary>
    internal static async Task<int> ReportedAsync(string name, string resultsFile, Func<CancellationToken, Task<string>> measure, Func<Task> cleanUp)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        try
        {
            var report = await measure(cancellation.Token);
            Console.WriteLine();
            Console.WriteLine(report);
            await File.WriteAllTextAsync(resultsFile, report, cancellation.Token);
            Console.WriteLine($"Written to {resultsFile}");
            return 0;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Console.Error.WriteLine("Stopped.");
            return 130;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Caught, so that the clean-up runs (an unhandled exception may end the process without it).
            Console.Error.WriteLine($"The {name} benchmark failed: {e.Message}");
            return 1;
        }
        finally
        {
            await cleanUp();
        }
    }

    /// <summary>The p99 and error part of a page's target; the ratio to nginx is checked with the table.</summary>
    private static (bool Met, string Target) PageTarget(WrkResult result) =>
        (result.P99Ms <= 20 && result.Errors == 0, "≥ 0.5× nginx, p99 ≤ 20 ms, no errors");

    /// <summary>A row the page cache answers after its warm-up: its target is judged with the cache off.</summary>
    private static (bool Met, string Target) CachedOnly(WrkResult result) =>
        (result.Errors == 0, "no errors; a cache hit: judged uncached, below");

    /// <summary>
    /// Every query of the mix answers 200 first, then each row: a check that it answers 200, a 2 s
    /// warm-up run (JIT tiers, caches and connection pools settle as on a running site), the timed run.
    /// </summary>
    private static async Task<List<(Row Row, Answer Answer, WrkResult Result)>> MeasureAsync(
        List<Row> rows, List<string> mix, HttpClient http, TimeSpan duration, int connections, CancellationToken cancellationToken)
    {
        var plain = new Dictionary<string, string>();
        foreach (var path in mix)
        {
            await CheckAsync(http, path, plain, cancellationToken);
        }

        var measured = new List<(Row Row, Answer Answer, WrkResult Result)>();
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var answer = await CheckAsync(new Uri(row.Url), row.Headers, cancellationToken);
            Console.Write($"  {row.Name}: {answer}… ");
            await Wrk.RunAsync(row.Url, TimeSpan.FromSeconds(2), connections, row.Headers, row.Script, cancellationToken);
            var result = await Wrk.RunAsync(row.Url, duration, connections, row.Headers, row.Script, cancellationToken);
            Console.WriteLine($"{result.RequestsPerSecond:N0} req/s, p50 {result.P50Ms:0.00} ms, p99 {result.P99Ms:0.00} ms, {result.Errors} errors");
            measured.Add((row, answer, result));
        }

        return measured;
    }

    private static (bool Met, string Target) CompressedTarget(WrkResult result) =>
        (result.P99Ms <= 20 && result.Errors == 0, "compressed (br), ≥ 1.0× nginx gzip, p99 ≤ 20 ms");

    private static async Task PublishAsync(string repository, string output, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Publishing the portal (Release, ReadyToRun for {RuntimeIdentifier})…");
        // ReadyToRun: the portal's code is compiled ahead of time, so a start does not wait for the JIT
        // (first 200 on a start 2.0 s instead of 2.8 s here). Framework-dependent, as deployed.
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                "publish", Path.Combine(repository, "Portal", "Portal.csproj"), "-c", "Release", "-r", RuntimeIdentifier, "--self-contained", "false",
                "-p:PublishReadyToRun=true", "-o", output, "--nologo", "-v", "quiet",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start");
        var standardOutput = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed:\n{await standardOutput}\n{await error}");
        }
    }

    /// <summary>
    /// This machine's portable RID (linux-x64, linux-arm64): RuntimeInformation.RuntimeIdentifier may name
    /// the distribution (a source-built SDK), for which no crossgen package exists.
    /// </summary>
    private static string RuntimeIdentifier =>
        $"{(OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "osx" : "win")}-{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";

    private sealed record StartTimes(TimeSpan FirstOk, TimeSpan Healthy);

    /// <summary>Peak resident memory (VmHWM) of each start: the import, then the cached and the uncached load.</summary>
    private sealed record PeakRss(long Import, long CachedLoad, long UncachedLoad);

    private static long PrintPeakRss(PortalProcess portal, string label)
    {
        var bytes = portal.PeakResidentBytes();
        Console.WriteLine($"{label}: {bytes / 1024.0 / 1024:N0} MB");
        return bytes;
    }

    /// <summary>
    /// Polls / until it answers 200 (the portal listens), then /healthz until Healthy (the import
    /// and the search index are done). A blocking import makes the two nearly equal; a background
    /// import answers 200 at once and says Degraded until it is done.
    /// </summary>
    private static async Task<StartTimes> WaitForStartAsync(PortalProcess portal, HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        TimeSpan? firstOk = null;
        var lastHealth = "";
        while (portal.SinceStart < timeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (portal.HasExited)
            {
                throw new InvalidOperationException($"The portal stopped during its start. Its last log lines:\n{portal.Tail()}");
            }

            try
            {
                if (firstOk is null)
                {
                    using var response = await http.GetAsync("/", cancellationToken);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        firstOk = portal.SinceStart;
                    }
                }
                else
                {
                    lastHealth = await http.GetStringAsync("/healthz", cancellationToken);
                    if (HealthStatus(lastHealth) == "Healthy")
                    {
                        return new StartTimes(firstOk.Value, portal.SinceStart);
                    }
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(firstOk is null ? 20 : 100, cancellationToken);
        }

        throw new TimeoutException($"The portal was not Healthy after {timeout.TotalSeconds:N0} s (/healthz: {lastHealth}). Its last log lines:\n{portal.Tail()}");
    }

    /// <summary>The overall word: plain text for the public, JSON with "status" for loopback monitors.</summary>
    private static string HealthStatus(string body) =>
        body.TrimStart().StartsWith('{') ? StatusField().Match(body) is { Success: true } m ? m.Groups[1].Value : "" : body.Trim();

    private static async Task<int> LastNewsPageAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var page = await http.GetStringAsync("/berita", cancellationToken);
        var pages = PageCount().Match(page);
        var last = pages.Success ? int.Parse(pages.Groups[1].Value, CultureInfo.InvariantCulture) : 1;
        // The page before the last: near the end, and always a full page.
        return Math.Max(1, last - 1);
    }

    private static async Task WaitForNginxAsync(NginxProcess nginx, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{nginx.PlainPort}{NginxProcess.PagePath}", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            var failure = nginx.Failure();
            if (failure.Length > 0)
            {
                throw new InvalidOperationException($"nginx did not start: {failure}");
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException("nginx did not answer within 5 s");
    }

    private sealed record Answer(HttpStatusCode Status, string Encoding, long Bytes)
    {
        public override string ToString() => $"{(int)Status} {Encoding} {Bytes / 1024.0:0.0} KB";
    }

    private static async Task<Answer> CheckAsync(HttpClient http, string path, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken) =>
        await CheckAsync(new Uri(http.BaseAddress!, path), headers, cancellationToken, http);

    /// <summary>Each address once before its run: it must answer 200 (wrk counts a 3xx as success), and the table shows the encoding.</summary>
    private static async Task<Answer> CheckAsync(Uri url, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken, HttpClient? client = null)
    {
        using var own = client is null ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None }) : null;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await (client ?? own!).SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}, not 200: every address must answer 200 before it is timed");
        }

        var encoding = response.Content.Headers.ContentEncoding.FirstOrDefault() ?? "plain";
        return new Answer(response.StatusCode, encoding, body.Length);
    }

    /// <summary>Two-word queries of the corpus's middling words from a fixed seed: the /cari mix, all different.</summary>
    private static List<string> MixedQueries(SyntheticCorpus corpus, int seed)
    {
        var random = new Random(seed + 2);
        var queries = new HashSet<string>(StringComparer.Ordinal);
        while (queries.Count < MixedQueryCount)
        {
            var (first, second) = (corpus.QueryWord(random), corpus.QueryWord(random));
            if (first != second)
            {
                queries.Add($"/cari?q={first}+{second}");
            }
        }

        return [.. queries];
    }

    /// <summary>A wrk script that cycles through the mix, one address per request.</summary>
    private static string LuaScript(List<string> paths)
    {
        var script = new StringBuilder("-- Generated by Portal.Benchmarks (web): the /cari mix, fixed seed.\nlocal paths = {\n");
        foreach (var path in paths)
        {
            script.Append("  \"").Append(path).Append("\",\n");
        }

        script.Append("}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n");
        return script.ToString();
    }

    private enum Baseline
    {
        None,
        Plain,
        Compressed,
    }

    private sealed record Row(
        string Name, string Url, IReadOnlyDictionary<string, string> Headers, string? Script, Baseline Baseline, Func<WrkResult, (bool Met, string Target)> Target);

    private static string Report(
        Machine machine, int articles, int totalArticles, TimeSpan duration, int connections, (TimeSpan At, int Added)? importLogged,
        StartTimes first, StartTimes second, List<(Row Row, Answer Answer, WrkResult Result)> measured,
        List<(Row Row, Answer Answer, WrkResult Result)> uncached, PeakRss peakRss, TimeSpan runTime)
    {
        string Seconds(TimeSpan time) => time.TotalSeconds.ToString(time.TotalSeconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " s";
        string Mark(bool met) => met ? "yes" : "**no**";
        var nginxPlain = measured[0].Result.RequestsPerSecond;
        var nginxGzip = measured[1].Result.RequestsPerSecond;
        var importSeconds = (importLogged?.At ?? first.Healthy).TotalSeconds;
        var importTarget = articles >= 100_000 ? 300.0 : 30.0 * articles / 10_000;

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Web benchmark: {articles:N0} synthetic press releases");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{machine.Date:yyyy-MM-dd HH:mm} UTC · {machine.Cores} cores, {machine.Cpu} · {machine.Os} · {machine.Dotnet} · " +
            $"{totalArticles:N0} articles ({articles:N0} generated + {totalArticles - articles} shipped) · wrk -t1 -c{connections} -d{duration.TotalSeconds:0}s --latency on loopback · " +
            $"portal published ReadyToRun ({RuntimeIdentifier}, framework-dependent) · " +
            $"load average before/after: {machine.LoadBefore} / {Benchmark.LoadAverage()} · whole run {runTime.TotalMinutes:0.0} min");
        text.AppendLine();
        text.AppendLine("Produced by `Portal.Benchmarks/web-benchmark.sh` (see the README, Benchmark). Ratios are to nginx in the same run:");
        text.AppendLine("plain rows to nginx serving the article page's bytes, compressed rows to nginx with `gzip on`.");
        text.AppendLine();
        text.AppendLine("## Start-up and import");
        text.AppendLine();
        text.AppendLine("| measure | figure | target | met |");
        text.AppendLine("|---|---:|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| first start: process start → first 200 on `/` | {Seconds(first.FirstOk)} | ≤ 3 s: Kestrel listens first, the import runs in the background | {Mark(first.FirstOk.TotalSeconds <= 3)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| first start: import finished (its log line{(importLogged is null ? ", not seen: /healthz Healthy used" : $", {importLogged.Value.Added:N0} added")}) | {Seconds(TimeSpan.FromSeconds(importSeconds))} | | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| first start: import and search index finished (`/healthz` Healthy) | {Seconds(first.Healthy)} | ≤ {importTarget:0} s ({(articles >= 100_000 ? "100,000 in 5 min" : "30 s per 10,000 files")}) | {Mark(first.Healthy.TotalSeconds <= importTarget)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| import rate (files ÷ time to import finished) | {articles / importSeconds:N0} articles/s | ≥ 333 articles/s | {Mark(articles / importSeconds >= 333)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| import and index rate (files ÷ time to Healthy) | {articles / first.Healthy.TotalSeconds:N0} articles/s | | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| second start (nothing to import): process start → first 200 | {Seconds(second.FirstOk)} | ≤ 3 s | {Mark(second.FirstOk.TotalSeconds <= 3)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| second start: `/healthz` Healthy | {Seconds(second.Healthy)} | | |");
        string Megabytes(long bytes) => (bytes / 1024.0 / 1024).ToString("N0", CultureInfo.InvariantCulture) + " MB";
        const long RssLimit = 400L * 1024 * 1024;
        text.AppendLine(CultureInfo.InvariantCulture, $"| peak RSS of the portal, first start (VmHWM, the import and index) | {Megabytes(peakRss.Import)} | | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| peak RSS of the portal, under the load (VmHWM, second start, after the requests below) | {Megabytes(peakRss.CachedLoad)} | ≤ 400 MB | {Mark(peakRss.CachedLoad <= RssLimit)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| peak RSS of the portal, under the uncached load (VmHWM, third start) | {Megabytes(peakRss.UncachedLoad)} | ≤ 400 MB | {Mark(peakRss.UncachedLoad <= RssLimit)} |");
        text.AppendLine();
        text.AppendLine("## Requests");
        text.AppendLine();
        Table(measured);
        text.AppendLine();
        text.AppendLine("## Requests, uncached: the database and the index at work");
        text.AppendLine();
        text.AppendLine("A third start of the same data folder with `Portal__PageCache__Enabled=false`: above, the deep page and the `/cari` mix");
        text.AppendLine("are page-cache hits after the warm-up, so their targets (deep page p50 ≤ 2× `/berita`'s; ≥ 500 req/s over the mix) are judged here.");
        text.AppendLine("Ratios are to the same nginx run as above.");
        text.AppendLine();
        Table(uncached);
        text.AppendLine();
        text.AppendLine("*answer*: status, `Content-Encoding` and size of one answer before the run. *errors*: answers 400 and above plus socket errors,");
        text.AppendLine("as wrk counts them (each address answered 200 before its run; every address of the `/cari` mix too). Each run follows a 2 s warm-up run.");
        return text.ToString();

        void Table(List<(Row Row, Answer Answer, WrkResult Result)> rows)
        {
            text.AppendLine("| address | answer | req/s | p50 | p99 | errors | vs nginx | target | met |");
            text.AppendLine("|---|---|---:|---:|---:|---:|---:|---|---|");
            foreach (var (row, answer, result) in rows)
            {
                var limit = row.Baseline switch { Baseline.Plain => nginxPlain, Baseline.Compressed => nginxGzip, _ => result.RequestsPerSecond };
                var ratio = limit > 0 ? result.RequestsPerSecond / limit : double.NaN;
                var (met, target) = row.Target(result);
                met &= row.Baseline switch
                {
                    Baseline.Plain when target.Contains("0.5× nginx", StringComparison.Ordinal) => ratio >= 0.5,
                    Baseline.Compressed => ratio >= 1.0 && answer.Encoding == "br",
                    _ => true,
                };
                var ratioText = ratio.ToString(ratio < 0.1 ? "0.000" : "0.00", CultureInfo.InvariantCulture) + "×";
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {row.Name} | {answer} | {result.RequestsPerSecond:N0} | {result.P50Ms:0.00} ms | {result.P99Ms:0.00} ms | {result.Errors:N0} | {ratioText} | {target} | {(row.Baseline == Baseline.None ? "" : Mark(met))} |");
            }
        }
    }

    internal sealed record Machine(int Cores, string Cpu, string Os, string Dotnet, DateTime Date, string LoadBefore)
    {
        public static Machine Describe()
        {
            var cpu = File.Exists("/proc/cpuinfo")
                ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
                : "unknown CPU";
            var os = File.Exists("/etc/os-release")
                ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? RuntimeInformation.OSDescription
                : RuntimeInformation.OSDescription;
            return new Machine(Environment.ProcessorCount, cpu, os, RuntimeInformation.FrameworkDescription, DateTime.UtcNow, Benchmark.LoadAverage());
        }
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Portal.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No repository (a folder with Portal.slnx) above {AppContext.BaseDirectory}");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string? TextOption(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    [GeneratedRegex(@"""status""\s*:\s*""(\w+)""")]
    private static partial Regex StatusField();

    [GeneratedRegex(@"halaman \d+ dari (\d+)")]
    private static partial Regex PageCount();
}
