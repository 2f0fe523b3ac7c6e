using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Portal.News;

namespace Portal.Tests.Content;

/// <summary>
/// A fresh database started on a copy of the real content/ folder with hostile files added to
/// content/news: a body nested 40,000 quotes deep (the case that once stopped the import after 3
/// of 19 articles), one nested deep on many short lines, and a cover on another site.
/// </summary>
public sealed class HostileContentFactory : ContentFolderFactory
{
    public const string DeepOnOneLine = "zz-kutipan-satu-baris";
    public const string DeepOnManyLines = "aa-kutipan-bertingkat";
    public const string ForeignCover = "mm-sampul-situs-lain";

    public HostileContentFactory()
    {
        CopyAllShipped();
        RealArticleCount = Directory.EnumerateFiles(Path.Combine(ShippedContent, "news"), "*.md").Count();
        // File names sort before, between and after the real ones: none may stop the others.
        Write(DeepOnManyLines, ContentImporterTests.News("Kutipan bertingkat", body: string.Concat(Enumerable.Repeat("> ", 2_000)) + "isi"));
        Write(ForeignCover, ContentImporterTests.News("Sampul dari situs lain", extra: "cover: //evil.example/x.jpg\ncover_alt: \"Foto\"\n"));
        Write(DeepOnOneLine, ContentImporterTests.News("Kutipan satu baris", body: string.Concat(Enumerable.Repeat("> ", 40_000))));
    }

    public int RealArticleCount { get; }

    public ConcurrentQueue<string> Log { get; } = new();

    public string PathOf(string slug) => Path.Combine(ContentPath, "news", slug + ".md");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new CollectingLoggerProvider(Log)));
    }

    private void Write(string slug, string text) => File.WriteAllText(PathOf(slug), text);

    /// <summary>Keeps every formatted log line of the app, so a test can read what an operator would.</summary>
    private sealed class CollectingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Collector(lines);

        public void Dispose()
        {
        }

        private sealed class Collector(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
        }
    }
}

public class HostileContentAtStartupTests(HostileContentFactory factory) : IClassFixture<HostileContentFactory>
{
    [Fact]
    public async Task Hostile_files_are_skipped_with_path_and_reason_and_every_other_article_is_imported()
    {
        var page = await factory.CreatePortalClient().GetPageAsync("/berita");

        Assert.NotNull(page.QuerySelector("h1"));
        var slugs = await factory.WithDbAsync(db => db.Articles.Select(a => a.Slug).ToListAsync());
        Assert.Equal(factory.RealArticleCount, slugs.Count);
        Assert.DoesNotContain(HostileContentFactory.DeepOnOneLine, slugs);
        Assert.DoesNotContain(HostileContentFactory.DeepOnManyLines, slugs);
        Assert.DoesNotContain(HostileContentFactory.ForeignCover, slugs);
        Assert.Equal(5, await factory.WithDbAsync(db => db.Programmes.CountAsync()));

        var log = factory.Log.ToList();
        Assert.Contains($"Error: Content file {factory.PathOf(HostileContentFactory.DeepOnOneLine)} skipped: the Markdown body cannot be rendered: {MarkdownRenderer.LineTooLong}", log);
        Assert.Contains($"Error: Content file {factory.PathOf(HostileContentFactory.DeepOnManyLines)} skipped: the Markdown body cannot be rendered: {MarkdownRenderer.TooDeep}", log);
        Assert.Contains(log, line => line.StartsWith($"Error: Content file {factory.PathOf(HostileContentFactory.ForeignCover)} skipped: cover '//evil.example/x.jpg'", StringComparison.Ordinal));
        Assert.Contains(log, line => line.Contains($"{factory.RealArticleCount + 5} added", StringComparison.Ordinal) && line.Contains("3 skipped", StringComparison.Ordinal));
    }
}
