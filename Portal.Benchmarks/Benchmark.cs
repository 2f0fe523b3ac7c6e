using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.News;
using Portal.Search;

namespace Portal.Benchmarks;

/// <summary>
/// Search benchmark: the portal's own index code (same analyzers, schema, query building and
/// /cari search) against SQLite FTS5 on the same synthetic corpus and the same queries.
/// Usage: dotnet run -c Release --project Portal.Benchmarks -- --articles 100000 [--queries 1200] [--seed 20251124] [--build-only]
/// The web benchmark (the published portal under wrk, beside nginx) is the "web" mode: see <see cref="WebBenchmark"/>;
/// the cost of /statistik at N applications is the "statistics" mode (<see cref="WebBenchmark.StatisticsAsync"/>);
/// three nodes behind nginx on one PostgreSQL is the "cluster" mode (<see cref="ClusterBenchmark"/>).
/// Plain Stopwatch timing: each query is timed alone after a warm-up; the figures are in-process.
/// </summary>
public static class Benchmark
{
    private static readonly DateTime Now = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static int Main(string[] args)
    {
        if (args.FirstOrDefault() == "web")
        {
            return WebBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult();
        }

        if (args.FirstOrDefault() == "statistics")
        {
            return WebBenchmark.StatisticsAsync(args[1..]).GetAwaiter().GetResult();
        }

        if (args.FirstOrDefault() == "cluster")
        {
            return ClusterBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult();
        }

        if (args.FirstOrDefault() == "queries")
        {
            return QueryTimings.RunAsync(args[1..]).GetAwaiter().GetResult();
        }

        var articles = Option(args, "--articles", 10_000);
        var queryCount = Math.Max(1_000, Option(args, "--queries", 1_200));
        var seed = Option(args, "--seed", 20251124);
        var root = Path.Combine(Path.GetTempPath(), "portal-benchmark", $"{articles}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        Console.WriteLine($"Portal search benchmark: {articles:N0} articles of ~{SyntheticCorpus.TargetBodyLength / 1000} KB, {queryCount:N0} queries, seed {seed}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine($"Working folder: {root} (deleted at the end)");

        try
        {
            var corpus = new SyntheticCorpus(seed);
            var queries = QuerySet.Create(corpus, articles, queryCount, seed + 1);
            // Generated before the clocks start, so both builds time indexing alone.
            Console.WriteLine("Generating the corpus…");
            var documents = new SearchDocument[articles];
            Parallel.For(0, articles, i => documents[i] = corpus.Article(i));
            using var index = new SearchIndex(Path.Combine(root, "lucene"), NullLogger<SearchIndex>.Instance);
            var luceneBuild = BuildLucene(index, documents);
            var databaseRebuild = RebuildFromDatabase(index, Path.Combine(root, "portal.db"), documents);
            if (args.Contains("--build-only"))
            {
                return 0;
            }

            var fts5File = Path.Combine(root, "fts5.db");
            var fts5Build = BuildFts5(fts5File, documents);
            documents = [];
            GC.Collect();

            var lucene = QueryLucene(index, luceneBuild, queries);
            var fts5 = QueryFts5(fts5File, fts5Build, queries);
            Report(articles, databaseRebuild, lucene, fts5);
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static Build BuildLucene(SearchIndex index, SearchDocument[] documents)
    {
        Console.WriteLine("Lucene: indexing the documents in memory…");
        index.Open();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var build = Stopwatch.StartNew();
        // The portal's own rebuild, fed from memory: indexing alone, comparable with FTS5's build.
        index.RebuildAsync(documents.ToAsyncEnumerable(), 0, CancellationToken.None).GetAwaiter().GetResult();
        build.Stop();
        var result = new Build(build.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, index.SizeOnDisk());
        Console.WriteLine($"Lucene: built in {result.Elapsed.TotalSeconds:0.0} s ({result.Cpu.TotalSeconds:0.0} s CPU), {result.Bytes / 1024 / 1024:N0} MB");
        return result;
    }

    /// <summary>
    /// The rebuild a start-up runs on a missing or damaged index: every published article read
    /// from a real portal database by <see cref="SearchSource"/>, analyzed and written.
    /// </summary>
    private static Build RebuildFromDatabase(SearchIndex index, string file, SearchDocument[] documents)
    {
        Console.WriteLine("Portal database: storing the articles…");
        var seeding = Stopwatch.StartNew();
        PortalDatabase.SeedAsync(file, documents).GetAwaiter().GetResult();
        Console.WriteLine($"Portal database: {documents.Length:N0} articles stored in {seeding.Elapsed.TotalSeconds:0.0} s, {new FileInfo(file).Length / 1024 / 1024:N0} MB");

        Console.WriteLine("Lucene: full rebuild from the portal database…");
        using var db = PortalDatabase.Open(file);
        var source = new SearchSource(db, new MarkdownRenderer(), PageNameLinks.SiteLinks());
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var build = Stopwatch.StartNew();
        var count = index.RebuildAsync(source.AllAsync(CancellationToken.None), 0, CancellationToken.None).GetAwaiter().GetResult();
        build.Stop();
        var result = new Build(build.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, index.SizeOnDisk());
        Console.WriteLine($"Lucene: {count:N0} documents rebuilt from the database in {result.Elapsed.TotalSeconds:0.0} s ({result.Cpu.TotalSeconds:0.0} s CPU)");
        return result;
    }

    private static Results QueryLucene(SearchIndex index, Build build, List<BenchmarkQuery> queries)
    {
        var search = new SiteSearch(index, new FixedClock(Now), Options.Create(new SearchOptions()));
        int TopTen(BenchmarkQuery query) => index.Read(searcher =>
        {
            var built = SearchQueryBuilder.Build(SearchInput.Parse(query.Typed), SearchMatch.AllWords, searcher.IndexReader);
            return built is null ? 0 : SiteSearch.Ranked(searcher, built, Now, 10).TotalHits;
        });
        int Page(BenchmarkQuery query) => search.Search(new SearchRequest(query.Typed, new SearchFilters(null, null, null))).Total;

        Console.WriteLine("Lucene: querying…");
        return Measure("Lucene.Net (portal index)", build, queries, TopTen, Page, () => (TopTen, Page));
    }

    private static Build BuildFts5(string file, SearchDocument[] documents)
    {
        Console.WriteLine("FTS5: indexing…");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var build = Stopwatch.StartNew();
        using (var connection = new SqliteConnection(ConnectionString(file)))
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=NORMAL;");
            Execute(connection, "CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');");
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO docs(rowid, title, body) VALUES ($id, $title, $body)";
            var id = insert.Parameters.Add("$id", SqliteType.Integer);
            var title = insert.Parameters.Add("$title", SqliteType.Text);
            var body = insert.Parameters.Add("$body", SqliteType.Text);
            for (var i = 0; i < documents.Length; i++)
            {
                id.Value = i + 1;
                title.Value = documents[i].Title;
                body.Value = documents[i].Body;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        build.Stop();
        return new Build(build.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, new FileInfo(file).Length);
    }

    private static string ConnectionString(string file) => new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();

    private static Results QueryFts5(string file, Build build, List<BenchmarkQuery> queries)
    {
        var connectionString = ConnectionString(file);

        // One connection per thread, as a web app would have per request.
        Func<BenchmarkQuery, int> TopTen(SqliteConnection connection) => Prepared(connection,
            "SELECT rowid FROM docs WHERE docs MATCH $q ORDER BY bm25(docs, 3.0, 1.0) LIMIT 10", count: false);
        Func<BenchmarkQuery, int> Page(SqliteConnection connection) => Prepared(connection,
            "SELECT rowid, title, snippet(docs, 1, '<mark>', '</mark>', ' … ', 24) FROM docs WHERE docs MATCH $q ORDER BY bm25(docs, 3.0, 1.0) LIMIT 10",
            count: true);

        var main = new SqliteConnection(connectionString);
        main.Open();
        var connections = new List<SqliteConnection> { main };
        try
        {
            Console.WriteLine("FTS5: querying…");
            return Measure("SQLite FTS5", build, queries, TopTen(main), Page(main), () =>
            {
                var own = new SqliteConnection(connectionString);
                own.Open();
                lock (connections)
                {
                    connections.Add(own);
                }

                return (TopTen(own), Page(own));
            });
        }
        finally
        {
            connections.ForEach(c => c.Dispose());
        }
    }

    /// <summary>Runs the query text through FTS5; the result rows are read as a page would read them.</summary>
    private static Func<BenchmarkQuery, int> Prepared(SqliteConnection connection, string sql, bool count)
    {
        var select = connection.CreateCommand();
        select.CommandText = sql;
        var parameter = select.Parameters.Add("$q", SqliteType.Text);
        var counter = connection.CreateCommand();
        counter.CommandText = "SELECT count(*) FROM docs WHERE docs MATCH $q";
        var counterParameter = counter.Parameters.Add("$q", SqliteType.Text);
        return query =>
        {
            parameter.Value = query.Fts5;
            var rows = 0;
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    for (var c = 0; c < reader.FieldCount; c++)
                    {
                        _ = reader.GetValue(c);
                    }

                    rows++;
                }
            }

            if (!count)
            {
                return rows;
            }

            counterParameter.Value = query.Fts5;
            return Convert.ToInt32(counter.ExecuteScalar(), CultureInfo.InvariantCulture);
        };
    }

    private static Results Measure(
        string engine, Build build, List<BenchmarkQuery> queries,
        Func<BenchmarkQuery, int> topTen, Func<BenchmarkQuery, int> page, Func<(Func<BenchmarkQuery, int> TopTen, Func<BenchmarkQuery, int> Page)> perThread)
    {
        // Warm-up: JIT, caches and the OS page cache, as on a server that has been running.
        foreach (var query in queries.Take(200))
        {
            topTen(query);
            page(query);
        }

        GC.Collect();
        // This thread's own allocations: the process total under the server GC also counts what
        // other threads allocate meanwhile (and read several times the per-thread figure).
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var topTenTimes = Time(queries, topTen);
        var pageTimes = Time(queries, page);
        var allocatedPerQuery = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (2.0 * queries.Count);

        var byShape = Enum.GetValues<QueryShape>().ToDictionary(shape => shape, shape =>
            Percentile(queries.Select((q, i) => (q, i)).Where(x => x.q.Shape == shape).Select(x => pageTimes[x.i]).ToList(), 50));

        // Queries per second with 2 threads, each running the whole set once (the /cari work).
        var workers = Enumerable.Range(0, 2).Select(_ => perThread()).ToList();
        var wall = Stopwatch.StartNew();
        Parallel.ForEach(workers, new ParallelOptions { MaxDegreeOfParallelism = 2 }, worker =>
        {
            foreach (var query in queries)
            {
                worker.Page(query);
            }
        });
        wall.Stop();

        return new Results(engine, build.Elapsed, build.Cpu, build.Bytes, Summary(topTenTimes), Summary(pageTimes), byShape,
            2 * queries.Count / wall.Elapsed.TotalSeconds, GC.GetTotalMemory(forceFullCollection: true), allocatedPerQuery,
            queries.Count(q => topTen(q) > 0));
    }

    private static List<double> Time(List<BenchmarkQuery> queries, Func<BenchmarkQuery, int> run)
    {
        var times = new List<double>(queries.Count);
        foreach (var query in queries)
        {
            var start = Stopwatch.GetTimestamp();
            run(query);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return times;
    }

    private static Latency Summary(List<double> times) => new(Percentile(times, 50), Percentile(times, 95), Percentile(times, 99));

    private static double Percentile(List<double> times, double percentile)
    {
        if (times.Count == 0)
        {
            return 0;
        }

        var sorted = times.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static void Report(int articles, Build databaseRebuild, Results lucene, Results fts5)
    {
        string Ms(double value) => value.ToString(value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " ms";
        string Ratio(double luceneValue, double ftsValue) => luceneValue <= 0 ? "–" : (ftsValue / luceneValue).ToString("0.0", CultureInfo.InvariantCulture) + "×";
        string Mb(double bytes) => (bytes / 1024 / 1024).ToString("N0", CultureInfo.InvariantCulture) + " MB";

        Console.WriteLine();
        Console.WriteLine($"## {articles:N0} articles (load average at the end: {LoadAverage()})");
        Console.WriteLine();
        Console.WriteLine("| measure | Lucene.Net (portal) | SQLite FTS5 | FTS5 ÷ Lucene |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| full rebuild from the portal database (wall / CPU) | {databaseRebuild.Elapsed.TotalSeconds:0.0} s / {databaseRebuild.Cpu.TotalSeconds:0.0} s | | |");
        Console.WriteLine($"| build from memory | {lucene.Build.TotalSeconds:0.0} s | {fts5.Build.TotalSeconds:0.0} s | {Ratio(lucene.Build.TotalSeconds, fts5.Build.TotalSeconds)} |");
        Console.WriteLine($"| build from memory, CPU time | {lucene.BuildCpu.TotalSeconds:0.0} s | {fts5.BuildCpu.TotalSeconds:0.0} s | {Ratio(lucene.BuildCpu.TotalSeconds, fts5.BuildCpu.TotalSeconds)} |");
        Console.WriteLine($"| size on disk | {Mb(lucene.Bytes)} | {Mb(fts5.Bytes)} | {Ratio(lucene.Bytes, fts5.Bytes)} |");
        foreach (var (name, pick) in new (string, Func<Results, Latency>)[] { ("top 10 ranked", r => r.TopTen), ("/cari page work", r => r.Page) })
        {
            Console.WriteLine($"| p50, {name} | {Ms(pick(lucene).P50)} | {Ms(pick(fts5).P50)} | {Ratio(pick(lucene).P50, pick(fts5).P50)} |");
            Console.WriteLine($"| p95, {name} | {Ms(pick(lucene).P95)} | {Ms(pick(fts5).P95)} | {Ratio(pick(lucene).P95, pick(fts5).P95)} |");
            Console.WriteLine($"| p99, {name} | {Ms(pick(lucene).P99)} | {Ms(pick(fts5).P99)} | {Ratio(pick(lucene).P99, pick(fts5).P99)} |");
        }

        foreach (var shape in Enum.GetValues<QueryShape>())
        {
            Console.WriteLine($"| p50 page work, {shape} | {Ms(lucene.PageP50ByShape[shape])} | {Ms(fts5.PageP50ByShape[shape])} | {Ratio(lucene.PageP50ByShape[shape], fts5.PageP50ByShape[shape])} |");
        }

        Console.WriteLine($"| queries/s, 2 threads, page work | {lucene.Qps:N0} | {fts5.Qps:N0} | {Ratio(fts5.Qps, lucene.Qps)} |");
        Console.WriteLine($"| managed heap after run | {Mb(lucene.ManagedBytes)} | {Mb(fts5.ManagedBytes)} | |");
        Console.WriteLine($"| managed allocation per query | {lucene.AllocatedPerQuery / 1024:N0} KB | {fts5.AllocatedPerQuery / 1024:N0} KB | |");
        Console.WriteLine($"| queries with a hit (top 10) | {lucene.WithHits:N0} | {fts5.WithHits:N0} | |");
        Console.WriteLine();
        Console.WriteLine("Page work: Lucene runs the whole /cari search (fallbacks for typos, facet counts over all matches, 10 highlighted");
        Console.WriteLine("snippets); FTS5 runs its top 10 with snippets plus a count of all matches. FTS5 memory is native (not in the managed heap).");
    }

    /// <summary>Other work on the machine inflates every timing; the report says how busy it was.</summary>
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    private sealed class FixedClock(DateTime utcNow) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utcNow);
    }

    private sealed record Latency(double P50, double P95, double P99);

    private sealed record Build(TimeSpan Elapsed, TimeSpan Cpu, long Bytes);

    private sealed record Results(
        string Engine, TimeSpan Build, TimeSpan BuildCpu, long Bytes, Latency TopTen, Latency Page, Dictionary<QueryShape, double> PageP50ByShape,
        double Qps, long ManagedBytes, double AllocatedPerQuery, int WithHits);
}
