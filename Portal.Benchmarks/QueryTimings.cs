using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.News;
using Portal.Training;

namespace Portal.Benchmarks;

/// <summary>
/// The public pages' database work, timed in-process on a portal database of N published
/// articles: what each page model runs, called as the page calls it. For comparing a query or an
/// index before and after a change (the database file can be kept and reused with --database).
/// Usage: dotnet run -c Release --project Portal.Benchmarks -- queries [--articles 100000] [--database FILE] [--repeat 30]
/// </summary>
public static class QueryTimings
{
    public static async Task<int> RunAsync(string[] args)
    {
        var articles = Benchmark.Option(args, "--articles", 100_000);
        var repeat = Benchmark.Option(args, "--repeat", 30);
        var at = Array.IndexOf(args, "--database");
        var file = at >= 0 && at + 1 < args.Length ? Path.GetFullPath(args[at + 1]) : Path.Combine(Path.GetTempPath(), $"portal-queries-{articles}.db");

        if (!File.Exists(file))
        {
            Console.WriteLine($"Seeding {file} with {articles:N0} published articles…");
            var corpus = new SyntheticCorpus(20251124);
            var documents = new Search.SearchDocument[articles];
            Parallel.For(0, articles, i => documents[i] = corpus.Article(i));
            await PortalDatabase.SeedAsync(file, documents);
        }
        else
        {
            // Applies any migration the file has not seen yet (an index added since it was seeded).
            await using var db = PortalDatabase.Open(file);
            await Data.DatabaseSetup.MigrateAsync(db, CancellationToken.None);
        }

        _file = file;
        var clock = TimeProvider.System;
        int total;
        await using (var db = PortalDatabase.Open(file))
        {
            total = await new NewsQueries(db, clock).Published().CountAsync();
        }

        var lastPage = (total + News.IndexModel.PageSize - 1) / News.IndexModel.PageSize;
        Console.WriteLine($"{total:N0} published articles, last page {lastPage}; median and max of {repeat} runs each, after one warm-up run");
        Console.WriteLine();
        Console.WriteLine("| work | median | max |");
        Console.WriteLine("|---|---:|---:|");

        await TimeAsync("`/berita` page 1 (the page model's whole work)", repeat, async db =>
            await NewsPage(db, clock, null).OnGetAsync(CancellationToken.None));
        await TimeAsync($"`/berita?halaman={lastPage}` (last page)", repeat, async db =>
            await NewsPage(db, clock, lastPage.ToString(CultureInfo.InvariantCulture)).OnGetAsync(CancellationToken.None));
        await TimeAsync($"`/berita?topik=pelatihan&halaman={lastPage / 6}` (topic, last page)", repeat, async db =>
        {
            var page = NewsPage(db, clock, (lastPage / 6).ToString(CultureInfo.InvariantCulture));
            page.TopicSlug = "pelatihan";
            await page.OnGetAsync(CancellationToken.None);
        });
        await TimeAsync("count of published articles", repeat, async db => await new NewsQueries(db, clock).Published().CountAsync());
        await TimeAsync("home: latest 6 + open batches", repeat, async db =>
            await new Home.IndexModel(new NewsQueries(db, clock), new TrainingQueries(db, clock)).OnGetAsync(CancellationToken.None));
        await TimeAsync("one article (page model: article + related)", repeat, async db =>
            await new ArticleModel(new NewsQueries(db, clock)).OnGetAsync("artikel-5000", CancellationToken.None));
        await TimeAsync("programme page (page model)", repeat, async db =>
            await new ProgrammeModel(db, new NewsQueries(db, clock), clock).OnGetAsync("barista", CancellationToken.None));
        await TimeAsync("sitemap: every published article's address, streamed", 3, async db =>
        {
            var count = 0;
            await foreach (var _ in new NewsQueries(db, clock).Published().OrderByDescending(a => a.PublishedAtUtc).ThenByDescending(a => a.Id).Select(a => new { a.Slug, a.UpdatedAtUtc }).AsAsyncEnumerable())
            {
                count++;
            }
        });
        return 0;
    }

    private static News.IndexModel NewsPage(Data.PortalDbContext db, TimeProvider clock, string? page) =>
        new(new NewsQueries(db, clock), db) { PageText = page };

    private static async Task TimeAsync(string name, int repeat, Func<Data.PortalDbContext, Task> work)
    {
        var times = new List<double>();
        for (var i = 0; i <= repeat; i++)
        {
            // A context per run, as per request.
            await using var db = PortalDatabase.Open(_file);
            var start = Stopwatch.GetTimestamp();
            await work(db);
            if (i > 0)
            {
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        times.Sort();
        Console.WriteLine($"| {name} | {times[times.Count / 2]:0.00} ms | {times[^1]:0.00} ms |");
    }

    private static string _file = string.Empty;
}
