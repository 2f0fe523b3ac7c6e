using System.Globalization;
using Microsoft.Data.Sqlite;
using Portal.Content;
using Portal.Data;
using Portal.News;
using Portal.Search;
using Portal.Tests.Search;

namespace Portal.Tests.Content;

/// <summary>
/// An app whose content folder is a temporary one the tests write into. The tests count the rows
/// and writes an import leaves, so the search follower's own writes on real time (its cursor every
/// few seconds, pruning applied changes every minute) are put off past the tests' run; each import
/// waits for the one cursor record at start.
/// </summary>
public sealed class TemporaryContentFactory : ContentFolderFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        [$"{SearchOptions.Section}:{nameof(SearchOptions.CursorReportSeconds)}"] = "3600",
        [$"{SearchOptions.Section}:{nameof(SearchOptions.PruneIntervalSeconds)}"] = "86400",
    };

    public TemporaryContentFactory()
    {
        // Present at the first start: one broken file must not stop the site or the good file.
        File.WriteAllText(Path.Combine(ContentPath, "news", "rusak-sejak-awal.md"), "---\ntitle: [tidak ditutup\n---\nIsi");
        File.WriteAllText(Path.Combine(ContentPath, "news", "berita-baik-sejak-awal.md"), ContentImporterTests.News("Berita baik sejak awal"));
    }
}

public class ContentImporterTests(TemporaryContentFactory factory) : IClassFixture<TemporaryContentFactory>
{
    /// <summary>
    /// A programme file with one APBD batch, key "{slug}-1", of 20 seats whose registration opens
    /// on 1 September 2025; <paramref name="batchLines"/> are more fields of the batch, indented as such.
    /// </summary>
    public static string Programme(string slug, string registrationCloses, string trainingStarts, string trainingEnds, string batchLines = "") => $"""
        ---
        title: "Program uji"
        summary: "Ringkas."
        batches:
          - key: {slug}-1
            name: "Gelombang I"
            funding: APBD
            provider: "Disnakertrans Kota Serang"
            location: "Aula Disnakertrans Kota Serang"
            seats: 20
            registration_opens: 2025-09-01 08:00
            registration_closes: {registrationCloses}
            training_starts: {trainingStarts}
            training_ends: {trainingEnds}
        {batchLines}
        ---
        Deskripsi.
        """;

    public static string News(string title, string date = "2025-11-20 09:00", string extra = "", string body = "Isi berita dengan **tebal**.") =>
        $"---\ntitle: \"{title}\"\ndate: {date}\nsummary: \"Ringkasan {title}.\"\ntags: [Soft Skill, APBD]\n{extra}---\n{body}\n";

    // SQLite plans from the statistics ANALYZE leaves in sqlite_stat1; PostgreSQL's autovacuum keeps its own.
    [Fact]
    [Trait("Database", "SqliteOnly")]
    public async Task The_start_up_import_leaves_planner_statistics_that_walk_a_topic_by_its_own_rows()
    {
        factory.CreatePortalClient();

        var plan = await factory.WithDbAsync(TopicListPlanAsync);

        // Without ANALYZE's statistics SQLite scanned every published article for each topic.
        Assert.Contains("IX_ArticleTopics_TopicsId_ArticlesId", plan, StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM sqlite_stat1").SingleAsync()) > 0);
    }

    [Fact]
    [Trait("Database", "SqliteOnly")]
    public async Task Connections_pooled_before_the_statistics_were_refreshed_plan_with_them_afterwards()
    {
        factory.CreatePortalClient();
        await factory.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM sqlite_stat1;");
            SqliteConnection.ClearPool((SqliteConnection)db.Database.GetDbConnection());
        });
        // Two connections that read the schema without statistics, back in the pool: as the
        // background pollers' are when the start-up import ends.
        await BothAtOnceAsync(db => db.Topics.CountAsync());

        await factory.WithDbAsync(db => DatabaseSetup.RefreshPlannerStatisticsAsync(db, CancellationToken.None));

        var plans = await BothAtOnceAsync(TopicListPlanAsync);
        Assert.All(plans, plan => Assert.Contains("IX_ArticleTopics_TopicsId_ArticlesId", plan, StringComparison.Ordinal));
    }

    /// <summary>Runs the query on two connections held at the same time, so both pooled ones are used.</summary>
    private async Task<T[]> BothAtOnceAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var one = factory.Services.CreateAsyncScope();
        await using var two = factory.Services.CreateAsyncScope();
        var first = one.ServiceProvider.GetRequiredService<PortalDbContext>();
        var second = two.ServiceProvider.GetRequiredService<PortalDbContext>();
        await first.Database.OpenConnectionAsync();
        await second.Database.OpenConnectionAsync();
        return [await query(first), await query(second)];
    }

    /// <summary>SQLite's plan for the topic list (topics with a published article).</summary>
    private static async Task<string> TopicListPlanAsync(PortalDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "EXPLAIN QUERY PLAN SELECT t.Slug FROM Topics AS t WHERE EXISTS (SELECT 1 FROM ArticleTopics AS a " +
            "INNER JOIN Articles AS a0 ON a.ArticlesId = a0.Id WHERE t.Id = a.TopicsId AND a0.Status = 'Published' AND a0.PublishedAtUtc <= '2030-01-01')";
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }

        return string.Join("\n", lines);
    }

    [Fact]
    public async Task A_broken_file_at_start_up_is_skipped_and_the_site_serves_the_rest()
    {
        var client = factory.CreatePortalClient();

        var page = await client.GetPageAsync("/berita/berita-baik-sejak-awal");

        Assert.Equal("Berita baik sejak awal", page.Text("h1"));
        Assert.False(await factory.WithDbAsync(db => db.Articles.AnyAsync(a => a.Slug == "rusak-sejak-awal")));
    }

    [Fact]
    public async Task A_new_file_adds_a_changed_file_updates_and_an_unchanged_file_costs_no_writes()
    {
        var slug = TestData.Unique("impor");
        var path = WriteNews(slug, News("Judul pertama"));

        var first = await ImportAsync();
        Assert.Contains(slug, first.ChangedArticleSlugs);
        var stored = await FindAsync(slug);
        Assert.Equal("Judul pertama", stored!.Title);
        Assert.Contains("<strong>tebal</strong>", stored.BodyHtml, StringComparison.Ordinal);
        Assert.Equal(["APBD", "Soft Skill"], stored.Topics.Select(t => t.Name).Order());

        await using (var witness = await WriteWitness.OpenAsync(factory))
        {
            var versionBefore = await witness.ReadAsync();
            var second = await ImportAsync();
            Assert.DoesNotContain(slug, second.ChangedArticleSlugs);
            Assert.Equal(0, second.Added + second.Updated);
            Assert.Equal(versionBefore, await witness.ReadAsync());
        }

        File.WriteAllText(path, News("Judul kedua"));
        var third = await ImportAsync();
        Assert.Contains(slug, third.ChangedArticleSlugs);
        Assert.Equal(1, third.Updated);
        Assert.Equal("Judul kedua", (await FindAsync(slug))!.Title);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Articles.CountAsync(a => a.Slug == slug)));
    }

    [Theory]
    [InlineData("---\ntitle: \"Tanpa penutup\"\ndate: 2025-11-20\nsummary: \"x\"\nIsi tanpa garis penutup", "not closed")]
    [InlineData("---\ntitle: [rusak\ndate: 2025-11-20\nsummary: \"x\"\n---\nIsi", "invalid YAML")]
    [InlineData("---\ndate: 2025-11-20\nsummary: \"x\"\n---\nIsi", "title is missing")]
    [InlineData("---\ntitle: \"Tanggal mustahil\"\ndate: 2025-02-30\nsummary: \"x\"\n---\nIsi", "not a real date")]
    [InlineData("---\ntitle: \"Program tak dikenal\"\ndate: 2025-11-20\nsummary: \"x\"\nprogramme: tidak-ada\n---\nIsi", "programme 'tidak-ada'")]
    [InlineData("---\ntitle: \"Kunci salah ketik\"\ndate: 2025-11-20\nsummary: \"x\"\ntagz: [a]\n---\nIsi", "invalid YAML")]
    [InlineData("Tanpa front matter sama sekali", "does not start")]
    [InlineData("---\ntitle: \"Sampul\"\ndate: 2025-11-20\nsummary: \"x\"\ncover: //evil.example/x.jpg\ncover_alt: \"Foto\"\n---\nIsi", "cover '//evil.example/x.jpg' must be a path on this site")]
    [InlineData("---\ntitle: \"Sampul\"\ndate: 2025-11-20\nsummary: \"x\"\ncover: https://evil.example/x.jpg\ncover_alt: \"Foto\"\n---\nIsi", "must be a path on this site")]
    [InlineData("---\ntitle: \"Sampul\"\ndate: 2025-11-20\nsummary: \"x\"\ncover: \"javascript:alert(1)\"\ncover_alt: \"Foto\"\n---\nIsi", "must be a path on this site")]
    [InlineData("---\ntitle: \"Sampul\"\ndate: 2025-11-20\nsummary: \"x\"\ncover: /\\evil.example/x.jpg\ncover_alt: \"Foto\"\n---\nIsi", "must be a path on this site")]
    [InlineData("---\ntitle: \"Sampul\"\ndate: 2025-11-20\nsummary: \"x\"\ncover: /img/../../x.jpg\ncover_alt: \"Foto\"\n---\nIsi", "must be a path on this site")]
    [InlineData("---\ntitle: \"Sampul\"\ndate: 2025-11-20\nsummary: \"x\"\ncover: /img/foto.jpg\n---\nIsi", "cover_alt must describe")]
    public async Task A_malformed_file_is_reported_with_its_path_and_reason_and_the_others_are_imported(string text, string reason)
    {
        Assert.Contains(reason, await SkippedBesideAGoodFileAsync(text), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_reported_with_its_path_and_the_others_are_imported()
    {
        var locked = TestData.Unique("terkunci");
        var dangling = TestData.Unique("tautan-putus");
        var good = TestData.Unique("baik");
        var lockedPath = WriteNews(locked, News("Tidak boleh dibaca"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(lockedPath, UnixFileMode.None);
        }

        // Root reads a mode-000 file anyway; a link to nothing fails to read for everyone.
        var danglingPath = Path.Combine(factory.ContentPath, "news", dangling + ".md");
        File.CreateSymbolicLink(danglingPath, Path.Combine(factory.ContentPath, "tidak-ada.md"));
        WriteNews(good, News("Berita yang baik"));
        var lockedIsReadable = CanRead(lockedPath);

        try
        {
            var report = await ImportAsync();

            Assert.StartsWith("cannot be read:", Assert.Single(report.Skipped, p => p.Path == danglingPath).Reason, StringComparison.Ordinal);
            if (!lockedIsReadable)
            {
                // UnauthorizedAccessException, which once escaped the parallel read and ended the import.
                Assert.StartsWith("cannot be read:", Assert.Single(report.Skipped, p => p.Path == lockedPath).Reason, StringComparison.Ordinal);
                Assert.Null(await FindAsync(locked));
            }

            Assert.NotNull(await FindAsync(good));
        }
        finally
        {
            File.Delete(lockedPath);
            File.Delete(danglingPath);
        }
    }

    private static bool CanRead(string path)
    {
        try
        {
            File.ReadAllBytes(path);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    [Fact]
    public async Task A_site_local_cover_is_imported()
    {
        var slug = TestData.Unique("sampul");
        WriteNews(slug, News("Bersampul", extra: "cover: /img/sampul-uji.jpg\ncover_alt: \"Peserta pelatihan\"\n"));

        await ImportAsync();

        Assert.Equal("/img/sampul-uji.jpg", (await FindAsync(slug))!.CoverImagePath);
    }

    [Fact]
    public async Task A_body_that_cannot_be_rendered_skips_its_file_with_the_reason_and_imports_the_others()
    {
        var reason = await SkippedBesideAGoodFileAsync(News("Terlalu dalam", body: string.Concat(Enumerable.Repeat("> ", 2_000)) + "isi"));

        Assert.Equal($"the Markdown body cannot be rendered: {MarkdownRenderer.TooDeep}", reason);
    }

    [Fact]
    public async Task A_second_file_with_the_same_slug_is_skipped()
    {
        var slug = TestData.Unique("kembar");
        WriteNews(slug, News("Yang pertama"));
        var twin = WriteNews(slug + "_", News("Yang kedua"));

        var report = await ImportAsync();

        Assert.Contains(report.Skipped, p => p.Path == twin && p.Reason.Contains("duplicate slug", StringComparison.Ordinal));
        Assert.Equal("Yang pertama", (await FindAsync(slug))!.Title);
        File.Delete(twin);
    }

    // SQLite would store what a PostgreSQL column refuses (varchar(n)); the file is skipped on both, with the field named.
    [Theory]
    [InlineData("author: \"{0}\"", "author is longer than allowed")]
    [InlineData("tags: [\"{0}\"]", "a tag is longer than allowed")]
    [InlineData("cover: /img/foto.jpg\ncover_alt: \"{0}\"", "cover_alt is longer than allowed")]
    public async Task A_field_longer_than_its_column_skips_the_file_on_every_database(string field, string reason)
    {
        var text = $"---\ntitle: \"Terlalu panjang\"\ndate: 2025-11-20\nsummary: \"x\"\n{string.Format(CultureInfo.InvariantCulture, field, new string('a', 301))}\n---\nIsi\n";

        Assert.Equal(reason, await SkippedBesideAGoodFileAsync(text));
    }

    [Fact]
    public async Task A_batch_location_longer_than_its_column_refuses_its_programme_file()
    {
        var slug = TestData.Unique("program");
        var path = Path.Combine(factory.ContentPath, "programmes", slug + ".md");
        File.WriteAllText(path, Programme(slug, "2025-10-20 23:59", "2025-11-01", "2025-11-10").Replace("Aula Disnakertrans Kota Serang", new string('a', 301), StringComparison.Ordinal));

        var report = await ImportAsync();

        Assert.Contains(report.Skipped, p => p.Path == path && p.Reason.EndsWith("location is longer than allowed", StringComparison.Ordinal));
        Assert.False(await factory.WithDbAsync(db => db.Programmes.AnyAsync(p => p.Slug == slug)));
        File.Delete(path);
    }

    [Fact]
    public async Task A_batch_with_dates_out_of_order_refuses_its_programme_file()
    {
        var slug = TestData.Unique("program");
        var path = Path.Combine(factory.ContentPath, "programmes", slug + ".md");
        File.WriteAllText(path, Programme(slug, "2025-10-20 23:59", "2025-10-20", "2025-10-30"));

        var report = await ImportAsync();

        Assert.Contains(report.Skipped, p => p.Path == path && p.Reason.Contains("before the first training day", StringComparison.Ordinal));
        Assert.False(await factory.WithDbAsync(db => db.Programmes.AnyAsync(p => p.Slug == slug)));
        File.Delete(path);
    }

    [Fact]
    public async Task An_article_edited_in_the_portal_is_not_overwritten_by_its_file()
    {
        var slug = TestData.Unique("diedit");
        var path = WriteNews(slug, News("Versi berkas"));
        await ImportAsync();
        await factory.WithDbAsync(async db =>
        {
            var article = await db.Articles.SingleAsync(a => a.Slug == slug);
            article.Title = "Versi portal";
            article.Origin = ContentOrigin.Portal;
            await db.SaveChangesAsync();
        });

        File.WriteAllText(path, News("Versi berkas yang diubah"));
        var report = await ImportAsync();

        Assert.Equal(1, report.KeptPortalVersion);
        Assert.Equal("Versi portal", (await FindAsync(slug))!.Title);
        var again = await ImportAsync();
        Assert.Equal(0, again.KeptPortalVersion);
    }

    [Fact]
    public async Task Hundreds_of_new_files_land_in_batches_with_their_topics_and_a_search_change_each()
    {
        var prefix = TestData.Unique("arsip");
        var slugs = Enumerable.Range(0, 600).Select(i => $"{prefix}-{i:D3}").ToList();
        foreach (var slug in slugs)
        {
            WriteNews(slug, News($"Arsip {slug}"));
        }

        var report = await ImportAsync();

        Assert.Equal(slugs.Count, report.Added);
        var stored = await factory.WithDbAsync(db => db.Articles.Where(a => a.Slug.StartsWith(prefix))
            .Select(a => new { a.Id, a.Slug, a.Title, Topics = a.Topics.Count }).ToListAsync());
        Assert.Equal(slugs, stored.Select(a => a.Slug).Order(StringComparer.Ordinal));
        Assert.All(stored, a => Assert.Equal(2, a.Topics));
        Assert.Equal($"Arsip {slugs[^1]}", stored.Single(a => a.Slug == slugs[^1]).Title);
        var ids = stored.Select(a => a.Id).ToList();
        var changed = await factory.WithDbAsync(db => db.SearchChanges
            .Where(c => c.Entity == SearchEntity.Article && ids.Contains(c.EntityId)).Select(c => c.EntityId).Distinct().CountAsync());
        Assert.Equal(slugs.Count, changed);
        DeleteNews(slugs);
    }

    [Fact]
    public async Task A_file_the_database_refuses_within_a_batch_is_skipped_and_the_rest_of_the_batch_lands()
    {
        var prefix = TestData.Unique("tolak");
        var slugs = Enumerable.Range(0, 40).Select(i => $"{prefix}-{i:D2}").ToList();
        var refused = slugs[17];
        foreach (var slug in slugs)
        {
            WriteNews(slug, News(slug == refused ? $"Ditolak {prefix}" : $"Diterima {slug}"));
        }

        // The database itself refuses one row, as a constraint would: the batch's one transaction fails.
        var trigger = "refuse_" + prefix.Replace('-', '_');
        var (create, drop) = TestDatabase.IsPostgreSql
            ? ($"""
               CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN IF NEW."Title" = 'Ditolak {prefix}' THEN RAISE EXCEPTION 'ditolak oleh uji'; END IF; RETURN NEW; END $$;
               CREATE TRIGGER {trigger} BEFORE INSERT ON "Articles" FOR EACH ROW EXECUTE FUNCTION {trigger}();
               """,
               $"DROP TRIGGER {trigger} ON \"Articles\"; DROP FUNCTION {trigger}();")
            : ($"CREATE TRIGGER {trigger} BEFORE INSERT ON Articles WHEN NEW.Title = 'Ditolak {prefix}' BEGIN SELECT RAISE(ABORT, 'ditolak oleh uji'); END;",
               $"DROP TRIGGER {trigger};");
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(create));
        ContentImportReport report;
        try
        {
            report = await ImportAsync();
        }
        finally
        {
            await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(drop));
        }

        var problem = Assert.Single(report.Skipped, p => p.Path.EndsWith(refused + ".md", StringComparison.Ordinal));
        Assert.Contains("the database refused it", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("ditolak oleh uji", problem.Reason, StringComparison.Ordinal);
        Assert.Null(await FindAsync(refused));
        var landed = await factory.WithDbAsync(db => db.Articles.Where(a => a.Slug.StartsWith(prefix)).Select(a => a.Slug).ToListAsync());
        Assert.Equal(slugs.Where(s => s != refused), landed.Order(StringComparer.Ordinal));
        Assert.Equal(slugs.Count - 1, report.Added);
        DeleteNews(slugs);
    }

    /// <summary>
    /// Imports the text as one file beside a good one; asserts the file is reported skipped once, by
    /// its path, and the good one is imported all the same; gives the reason the report states.
    /// </summary>
    private async Task<string> SkippedBesideAGoodFileAsync(string text)
    {
        var broken = TestData.Unique("rusak");
        var good = TestData.Unique("baik");
        var brokenPath = WriteNews(broken, text);
        WriteNews(good, News("Berita yang baik"));

        var report = await ImportAsync();

        var problem = Assert.Single(report.Skipped, p => p.Path == brokenPath);
        Assert.Null(await FindAsync(broken));
        Assert.NotNull(await FindAsync(good));
        File.Delete(brokenPath);
        return problem.Reason;
    }

    private string WriteNews(string name, string text)
    {
        var path = Path.Combine(factory.ContentPath, "news", name + ".md");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Removed after a test of many files, so that later imports in this class stay small.</summary>
    private void DeleteNews(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            File.Delete(Path.Combine(factory.ContentPath, "news", name + ".md"));
        }
    }

    private async Task<ContentImportReport> ImportAsync()
    {
        await factory.SearchCursorRecordedAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(CancellationToken.None);
    }

    private Task<Article?> FindAsync(string slug) =>
        factory.WithDbAsync(db => db.Articles.Include(a => a.Topics).SingleOrDefaultAsync(a => a.Slug == slug));

    /// <summary>
    /// A value that changes when anything writes what the import writes. SQLite's data_version,
    /// read twice on the same connection, differs when another connection committed in between.
    /// PostgreSQL's counters are server-wide (other tests' databases write too), so there it is
    /// the xmin (the transaction that wrote it) of every row of the tables the import writes, with
    /// their row counts.
    /// </summary>
    private sealed class WriteWitness(PortalFactory factory, SqliteConnection? sqlite) : IAsyncDisposable
    {
        public static async Task<WriteWitness> OpenAsync(PortalFactory factory)
        {
            if (TestDatabase.IsPostgreSql)
            {
                return new WriteWitness(factory, null);
            }

            var connection = new SqliteConnection(TestDatabase.ConnectionString(factory.DataPath));
            await connection.OpenAsync();
            return new WriteWitness(factory, connection);
        }

        public async Task<string> ReadAsync()
        {
            if (sqlite is null)
            {
                return await factory.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
                    """
                    SELECT concat_ws('/',
                      (SELECT count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) FROM "Articles"),
                      (SELECT count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) FROM "ArticleTopics"),
                      (SELECT count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) FROM "Topics"),
                      (SELECT count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) FROM "Programmes"),
                      (SELECT count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) FROM "Batches"),
                      (SELECT count(*) FROM "SearchChanges")) AS "Value"
                    """).SingleAsync());
            }

            await using var command = sqlite.CreateCommand();
            command.CommandText = "PRAGMA data_version;";
            return ((long)(await command.ExecuteScalarAsync())!).ToString(CultureInfo.InvariantCulture);
        }

        public ValueTask DisposeAsync() => sqlite?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
