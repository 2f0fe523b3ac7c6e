using System.Text.RegularExpressions;
using Portal.Admin;
using Portal.Admin.Users;
using Portal.Data;
using Portal.Mail;
using Portal.News;
using Portal.Shared;

namespace Portal.Tests.Data;

/// <summary>
/// `admin migrate-database`: a running SQLite portal (the class fixture, SQLite in either pass)
/// copied into a PostgreSQL database of the test server, which is then started as a portal of its own.
/// </summary>
[Trait("Database", "PostgreSqlOnly")]
public sealed class MigrateDatabaseTests(SqlitePortalFactory factory) : IClassFixture<SqlitePortalFactory>, IDisposable
{
    private readonly List<string> _targets = [];

    [Fact]
    public async Task The_copy_signs_in_the_same_people_and_shows_the_same_pages_with_the_same_rows()
    {
        var seeker = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id));
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var application = await factory.SubmitApplicationAsync(seeker.Id, batch.Id, "Ingin bekerja sebagai barista.");
        var editor = await factory.CreateUserAsync(Roles.Editor);
        var client = await factory.SignedInClientAsync(editor);
        var title = $"Pindah ke PostgreSQL {Guid.NewGuid():N}";
        var page = await Html.ParseAsync(await client.ClickAsync(await client.NewArticleFormAsync(), "Simpan", new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Summary"] = "Ringkasan.",
            ["Input.Body"] = "Isi pertama.",
            ["Input.Tags"] = "Migrasi, APBD",
        }));
        page = await Html.ParseAsync(await client.ClickAsync(page.ArticleForm(), "Simpan", new Dictionary<string, string> { ["Input.Body"] = "Isi **kedua**." }));
        await client.ClickAsync(page.ArticleForm(), "Terbitkan sekarang");
        var article = await factory.WithDbAsync(db => db.Articles.SingleAsync(a => a.Title == title));
        Assert.Equal(ArticleStatus.Published, article.Status);

        var target = NewTarget();
        var (exit, output, errors) = await MigrateAsync(TestDatabase.ConnectionString(target, DatabaseProvider.PostgreSql));

        Assert.True(exit == 0, errors);
        Assert.Contains("Portal__Database__Provider=PostgreSql", output, StringComparison.Ordinal);
        Assert.Contains($"ConnectionStrings__Portal=Host=127.0.0.1;", output, StringComparison.Ordinal);
        Assert.Contains("Password=<kata sandi>", output, StringComparison.Ordinal);
        Assert.Contains($"Portal__UploadsPath=<folder bersama berisi salinan {Path.Combine(factory.DataPath, "uploads")}>", output, StringComparison.Ordinal);
        var password = new Npgsql.NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString).Password!;
        Assert.DoesNotContain(password, output + errors, StringComparison.Ordinal);
        Assert.Matches(@"AspNetUsers\s+\d+\s+\d+", output);

        // The command printed what it read and what it wrote; the copy holds exactly that.
        var tables = await CountsAsync(TestDatabase.Open(target, DatabaseProvider.PostgreSql));
        foreach (var (table, count) in tables)
        {
            var shown = Regex.Escape(count.ToString("N0", Wib.Culture));
            Assert.Matches($@"(?m)^{table}\s+{shown}\s+{shown}\s*$", output);
        }

        Assert.True(tables["ArticleRevisions"] >= 2 && tables["ApplicationStatusChanges"] >= 1 && tables["AspNetUserRoles"] >= 1 && tables["ArticleTopics"] >= 2,
            string.Join(", ", tables.Select(t => $"{t.Key}={t.Value}")));

        // And the source still holds the same rows, but for the queued emails the running portal has
        // sent since, and the keys: SQLite keeps them as files in data/keys, the copy as rows.
        var source = await CountsAsync(TestDatabase.Open(factory.DataPath, DatabaseProvider.Sqlite));
        var keyFiles = Directory.GetFiles(Path.Combine(factory.DataPath, DataFolder.KeysFolder), "*.xml").Length;
        Assert.True(keyFiles > 0, "The SQLite portal wrote no key file to copy.");
        Assert.Equal(keyFiles, tables["DataProtectionKeys"]);
        var differing = source.Where(t => t.Key is not (QueuedEmail.TableName or "DataProtectionKeys") && tables.GetValueOrDefault(t.Key) != t.Value)
            .Select(t => $"{t.Key}: {t.Value} != {tables.GetValueOrDefault(t.Key)}");
        Assert.Empty(differing);
        Assert.Equal(source.Keys, tables.Keys);

        using var copy = new RestartablePortalFactory(target);
        var seekerClient = await copy.SignedInClientAsync(seeker.Email!);
        var applications = await seekerClient.GetPageAsync(AccountLinks.Applications);
        Assert.Contains(application.RegistrationNumber!, applications.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(batch.Name, applications.Body!.TextContent, StringComparison.Ordinal);

        var articlePage = await copy.CreatePortalClient().GetPageAsync($"/berita/{article.Slug}");
        Assert.Equal(title, articlePage.Text("h1"));
        Assert.Equal("kedua", articlePage.QuerySelector(".article-body strong")?.TextContent);

        // The editor keeps the role, and a new article gets an id past the copied ones (the sequences were reset).
        var staff = copy.CreatePortalClient();
        using (await staff.SignInAsync(editor.Email!, SignIn.Password))
        {
        }

        var created = await Html.ParseAsync(await staff.ClickAsync(await staff.NewArticleFormAsync(), "Simpan", new Dictionary<string, string>
        {
            ["Input.Title"] = $"Berita pertama di PostgreSQL {Guid.NewGuid():N}",
            ["Input.Summary"] = "Ringkasan.",
            ["Input.Body"] = "Isi.",
        }));
        Assert.Equal("Perubahan disimpan.", created.Text("[role=status]"));
        Assert.Equal(tables["Articles"] + 1, await copy.WithDbAsync(db => db.Articles.LongCountAsync()));
    }

    [Fact]
    public async Task A_target_that_is_not_empty_is_refused_and_left_as_it_was()
    {
        var target = NewTarget();
        await using (var db = TestDatabase.Open(target, DatabaseProvider.PostgreSql))
        {
            await db.Database.MigrateAsync();
            db.Topics.Add(new Topic { Slug = "sudah-ada", Name = "Sudah ada" });
            await db.SaveChangesAsync();
        }

        var (exit, output, errors) = await MigrateAsync(TestDatabase.ConnectionString(target, DatabaseProvider.PostgreSql));

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("tidak kosong (tabel public.\"Topics\" berisi data)", errors, StringComparison.Ordinal);
        await using var after = TestDatabase.Open(target, DatabaseProvider.PostgreSql);
        Assert.Equal(["sudah-ada"], await after.Topics.Select(t => t.Slug).ToListAsync());
        Assert.Equal(0, await after.Users.CountAsync());
    }

    [Fact]
    public async Task A_row_that_postgresql_refuses_fails_the_copy_and_the_target_stays_empty()
    {
        // SQLite does not enforce a column's length; PostgreSQL's varchar does.
        var tooLong = new AuditEntry { AtUtc = DateTime.UtcNow, ActorName = "uji", Action = AuditAction.StaffAccountCreated, Target = "uji", Details = new string('x', 2001) };
        await factory.AddAsync(tooLong);

        try
        {
            var target = NewTarget();
            var (exit, _, errors) = await MigrateAsync(TestDatabase.ConnectionString(target, DatabaseProvider.PostgreSql));

            Assert.Equal(1, exit);
            Assert.Contains("Penyalinan tabel AuditEntries gagal", errors, StringComparison.Ordinal);
            Assert.Contains("basis data tujuan tetap kosong", errors, StringComparison.Ordinal);
            Assert.All(await CountsAsync(TestDatabase.Open(target, DatabaseProvider.PostgreSql)), table => Assert.Equal(0, table.Value));
        }
        finally
        {
            await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.Id == tooLong.Id).ExecuteDeleteAsync());
        }
    }

    [Fact]
    public async Task An_unreachable_target_is_refused_in_one_line()
    {
        var (exit, output, errors) = await MigrateAsync($"Host=127.0.0.1;Port={LoopbackPorts.Free()};Database=tidak_ada;Username=portal;Password=rahasia-uji");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.StartsWith("Basis data tujuan 127.0.0.1:", errors, StringComparison.Ordinal);
        Assert.Contains("tidak dapat dihubungi", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("rahasia-uji", errors, StringComparison.Ordinal);
        Assert.Single(errors.TrimEnd().Split('\n'));
    }

    public void Dispose()
    {
        foreach (var target in _targets)
        {
            TestDatabase.Drop(target);
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }
        }
    }

    /// <summary>A data folder for the copied portal; its PostgreSQL database (named after it) does not exist yet.</summary>
    private string NewTarget()
    {
        var target = PortalFactory.NewDataPath();
        Directory.CreateDirectory(target);
        _targets.Add(target);
        return target;
    }

    private async Task<(int Exit, string Output, string Errors)> MigrateAsync(string connectionString)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var console = new CommandConsole(output, errors, _ => null, _ => null);
        var exit = await AdminCommand.RunAsync(["admin", MigrateDatabaseCommand.Verb, MigrateDatabaseCommand.TargetOption, connectionString], factory.Services, console);
        return (exit, output.ToString(), errors.ToString());
    }

    /// <summary>The rows of every table the model maps, by table.</summary>
    private static async Task<SortedDictionary<string, long>> CountsAsync(PortalDbContext db)
    {
        await using (db)
        {
            var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var table in db.Model.GetEntityTypes().Where(t => !t.IsOwned()).Select(t => t.GetTableName()).OfType<string>().Distinct())
            {
                var count = $"SELECT COUNT(*) AS \"Value\" FROM \"{table}\"";
                counts[table] = await db.Database.SqlQueryRaw<long>(count).SingleAsync();
            }

            return counts;
        }
    }
}
