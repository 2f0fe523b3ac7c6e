using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Portal.Admin;
using Portal.Admin.News;
using Portal.Admin.Users;
using Portal.Data;
using Portal.Shared;
using Portal.Tests.Admin.News;
using Portal.Tests.Mail;
using Portal.Tests.Search;
using SkiaSharp;

namespace Portal.Tests.Data;

/// <summary>
/// `admin backup` and `admin restore`, called as the server's command line calls them, against a
/// running portal (the class fixture) and fresh data folders; the restored copy is started as a
/// portal of its own. A backup is a copy of the SQLite file: on PostgreSQL the commands refuse
/// (<see cref="ServerDatabaseBackupTests"/>).
/// </summary>
[Trait("Database", "SqliteOnly")]
public sealed class BackupTests(PortalFactory factory) : IClassFixture<PortalFactory>, IDisposable
{
    private static readonly StaffActor Editor = new(null, "editor-cadangan@contoh.go.id");

    private readonly List<string> _folders = [];

    [Fact]
    public async Task A_backup_taken_during_writes_restores_every_write_acknowledged_before_it_began()
    {
        var word = SearchWords.Unique();
        var cover = await PublishWithCoverAsync($"Sampul {word}");
        var protectedText = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("uji-cadangan").Protect("kunci ikut dicadangkan");
        var articles = new Acknowledged();
        var accounts = new Acknowledged();
        using var stop = new CancellationTokenSource();
        var writers = Task.WhenAll(
            WriteUntilAsync(articles, async n => (await PublishAsync($"Berita {n} {word}")).ToString(CultureInfo.InvariantCulture), stop.Token),
            WriteUntilAsync(accounts, async _ => (await factory.CreateJobSeekerAsync()).Email!, stop.Token));
        (List<string> Articles, List<string> Accounts) before;
        int exit;
        var (console, output, errors) = Console();
        var backup = NewFolder();
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult((articles.Count >= 3 && accounts.Count >= 3) || writers.IsFaulted), "writes acknowledged before the backup");
            before = (articles.Snapshot(), accounts.Snapshot());
            exit = await AdminCommand.RunAsync(["admin", BackupCommand.Backup, "--output", backup], factory.Services, console);
            var afterBackup = articles.Count;
            await Eventually.TrueAsync(() => Task.FromResult(articles.Count >= afterBackup + 2 || writers.IsFaulted), "writes go on after the backup");
        }
        finally
        {
            await stop.CancelAsync();
            await writers;
        }

        Assert.True(exit == 0, errors.ToString());
        Assert.Contains($"Cadangan dibuat di {backup}", output.ToString(), StringComparison.Ordinal);
        var manifest = ReadManifest(backup);

        var restored = NewFolder();
        var (restoreConsole, restoreOutput, restoreErrors) = Console();
        Assert.True(await RestoreAsync(backup, restored, restoreConsole) == 0, restoreErrors.ToString());
        Assert.Contains($"dipulihkan ke {restored}", restoreOutput.ToString(), StringComparison.Ordinal);
        Assert.Equal([DataFolder.KeysFolder, DataFolder.DatabaseFileName, DataFolder.UploadsFolder], Directory.EnumerateFileSystemEntries(restored).Select(e => Path.GetFileName(e)!).Order(StringComparer.Ordinal).ToArray());

        // The copy is one moment of the database: its rows are what the manifest counted, and each
        // published article came with the audit entry of the same transaction.
        await using (var db = OpenDatabase(restored))
        {
            Assert.Equal(manifest.RowCounts["articles"], await db.Articles.LongCountAsync());
            Assert.Equal(manifest.RowCounts["articleRevisions"], await db.ArticleRevisions.LongCountAsync());
            Assert.Equal(manifest.RowCounts["users"], await db.Users.LongCountAsync());
            Assert.Equal(manifest.RowCounts["auditEntries"], await db.AuditEntries.LongCountAsync());
            Assert.Equal(manifest.RowCounts["programmes"], await db.Programmes.LongCountAsync());
            Assert.Equal(manifest.RowCounts["batches"], await db.Batches.LongCountAsync());
            Assert.Equal(manifest.RowCounts["applications"], await db.Applications.LongCountAsync());
            var ids = await db.Articles.Where(a => a.Title.Contains(word)).Select(a => a.Id).ToListAsync();
            var published = await db.AuditEntries.CountAsync(e => e.Action == AuditAction.ArticlePublished && e.Target.Contains(word));
            Assert.Equal(ids.Count, published);
            Assert.Subset(ids.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToHashSet(), before.Articles.ToHashSet());
            var emails = await db.Users.Select(u => u.Email!).ToListAsync();
            Assert.Subset(emails.ToHashSet(), before.Accounts.ToHashSet());
            // One of them is the cover article; the writers went on after the backup, so it saw writes under way.
            Assert.True(ids.Count - 1 < articles.Count, $"{ids.Count - 1} of {articles.Count} writes in the backup");
        }

        using var copy = new RestartablePortalFactory(restored);
        await copy.SearchCaughtUpAsync();
        var client = copy.CreatePortalClient();
        var lastBefore = int.Parse(before.Articles[^1], CultureInfo.InvariantCulture);
        var slug = await copy.WithDbAsync(db => db.Articles.Where(a => a.Id == lastBefore).Select(a => a.Slug).SingleAsync());
        Assert.Contains(word, (await client.GetPageAsync($"/berita/{slug}")).Text("h1"), StringComparison.Ordinal);
        using (var image = await client.GetAsync(new Uri(cover, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        }

        // The cover's sizes travel with it, so the restored portal serves them at once, cached for a year.
        using (var size = await client.GetAsync(new Uri($"{cover[..^4]}-40.webp", UriKind.Relative)))
        {
            Assert.Equal(("image/webp", StaticAssets.VersionedCacheControl), (size.Content.Headers.ContentType!.MediaType, size.Headers.CacheControl!.ToString().Replace(", ", ",", StringComparison.Ordinal)));
        }

        Assert.Equal(await copy.WithDbAsync(db => db.Articles.CountAsync(a => a.Title.Contains(word))), copy.Search(word).Total);
        Assert.Equal("kunci ikut dicadangkan", copy.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("uji-cadangan").Unprotect(protectedText));
    }

    [Fact]
    public async Task Restore_refuses_a_data_folder_that_is_not_empty_and_leaves_it_as_it_was()
    {
        var backup = await BackUpAsync();
        var existing = NewFolder();
        Directory.CreateDirectory(existing);
        var database = Path.Combine(existing, DataFolder.DatabaseFileName);
        await File.WriteAllTextAsync(database, "data yang sudah ada");
        var (console, output, errors) = Console();

        var exit = await RestoreAsync(backup, existing, console);

        Assert.Equal(1, exit);
        Assert.Contains($"Folder data {existing} tidak kosong", errors.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
        Assert.Equal("data yang sudah ada", await File.ReadAllTextAsync(database));
        Assert.Equal([database], Directory.EnumerateFileSystemEntries(existing).ToArray());
    }

    [Theory]
    [InlineData(DataFolder.DatabaseFileName)]
    [InlineData(DataFolder.KeysFolder)]
    public async Task A_backup_with_a_damaged_or_missing_file_is_refused_and_nothing_is_restored(string damaged)
    {
        var backup = await BackUpAsync();
        var file = damaged == DataFolder.DatabaseFileName
            ? Path.Combine(backup, damaged)
            : Directory.EnumerateFiles(Path.Combine(backup, damaged)).First();
        if (damaged == DataFolder.DatabaseFileName)
        {
            // Flip the last byte: writing a fixed value left the file intact whenever it was that value already.
            await using var stream = File.Open(file, FileMode.Open, FileAccess.ReadWrite);
            stream.Seek(-1, SeekOrigin.End);
            var last = stream.ReadByte();
            stream.Seek(-1, SeekOrigin.End);
            stream.WriteByte((byte)~last);
        }
        else
        {
            File.Delete(file);
        }

        var target = NewFolder();
        var (console, _, errors) = Console();

        var exit = await RestoreAsync(backup, target, console);

        Assert.Equal(1, exit);
        Assert.Contains("Cadangan rusak", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains(Path.GetRelativePath(backup, file).Replace('\\', '/'), errors.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(target));
    }

    [Fact]
    public async Task A_manifest_naming_a_file_outside_the_data_folder_is_refused()
    {
        var backup = await BackUpAsync();
        var manifestFile = Path.Combine(backup, BackupManifest.FileName);
        var manifest = ReadManifest(backup);
        manifest.Files["../../.bashrc"] = manifest.Files[DataFolder.DatabaseFileName];
        await File.WriteAllTextAsync(manifestFile, JsonSerializer.Serialize(manifest, JsonSerializerOptions.Web));
        var target = NewFolder();
        var (console, _, errors) = Console();

        Assert.Equal(1, await RestoreAsync(backup, target, console));
        Assert.Contains("tidak dapat dibaca sebagai manifest cadangan", errors.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(target));
    }

    [Fact]
    public async Task A_backup_never_writes_over_another_and_needs_a_folder()
    {
        var backup = await BackUpAsync();
        var manifest = await File.ReadAllTextAsync(Path.Combine(backup, BackupManifest.FileName));
        var (console, _, errors) = Console();

        Assert.Equal(1, await AdminCommand.RunAsync(["admin", BackupCommand.Backup, "--output", backup], factory.Services, console));
        Assert.Contains("sudah berisi berkas", errors.ToString(), StringComparison.Ordinal);
        Assert.Equal(manifest, await File.ReadAllTextAsync(Path.Combine(backup, BackupManifest.FileName)));

        var (usage, _, usageErrors) = Console();
        Assert.Equal(2, await AdminCommand.RunAsync(["admin", BackupCommand.Restore], factory.Services, usage));
        Assert.Contains("admin restore --input FOLDER", usageErrors.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var folder in _folders.Where(Directory.Exists))
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the temp cleaner; it never affects another test.
            }
        }
    }

    [Fact]
    public async Task A_backup_holds_no_queued_email_while_the_portal_keeps_its_queue()
    {
        var to = TestAccounts.NewEmail();
        var row = MailTestData.Row(to, "Uji: tautan atur ulang", factory.Clock.GetUtcNow().UtcDateTime, dueIn: TimeSpan.FromDays(1));
        row.Body = "https://localhost/akun/atur-ulang-sandi?kode=rahasia-cadangan-" + Guid.NewGuid().ToString("N");
        await factory.AddAsync(row);

        var backup = await BackUpAsync();

        await using (var copy = OpenDatabase(backup))
        {
            Assert.False(await copy.QueuedEmails.AnyAsync());
        }

        Assert.DoesNotContain(row.Body, System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(Path.Combine(backup, DataFolder.DatabaseFileName))), StringComparison.Ordinal);
        Assert.Single(await factory.QueuedToAsync(to));
        await factory.WithDbAsync(db => db.QueuedEmails.Where(e => e.Id == row.Id).ExecuteDeleteAsync());
    }

    private async Task<string> BackUpAsync()
    {
        var backup = NewFolder();
        var (console, _, errors) = Console();
        Assert.True(await AdminCommand.RunAsync(["admin", BackupCommand.Backup, $"--output={backup}"], factory.Services, console) == 0, errors.ToString());
        return backup;
    }

    /// <summary>`admin restore` as it runs on a server configured with <paramref name="dataPath"/> as its data folder.</summary>
    private static async Task<int> RestoreAsync(string backup, string dataPath, CommandConsole console) =>
        await BackupCommand.RunAsync(
            ["admin", BackupCommand.Restore, "--input", backup],
            new DataBackup(new DataFolder(dataPath, new DataOptions { DataPath = dataPath }), TimeProvider.System),
            console) ?? 2;

    private async Task<int> PublishAsync(string title, string? cover = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var form = new ArticleForm { Title = title, Summary = $"Ringkasan {title}.", Body = "Isi berita.", CoverImagePath = cover, CoverImageAlt = cover is null ? null : "Gambar uji" };
        var result = await scope.ServiceProvider.GetRequiredService<ArticleEditor>().SaveAsync(null, form, ArticleAction.PublishNow, Editor, CancellationToken.None);
        Assert.True(result is { Succeeded: true }, result?.Summary);
        return result!.Value;
    }

    private async Task<string> PublishWithCoverAsync(string title)
    {
        var stored = await factory.Services.GetRequiredService<CoverImages>()
            .StoreAsync(new MemoryStream(CoverImageTests.Image(SKEncodedImageFormat.Png, 40, 30)), CancellationToken.None);
        await PublishAsync(title, stored.Value);
        return stored.Value;
    }

    /// <summary>
    /// Writes one after another until stopped, recording each write once it is acknowledged. On a
    /// thread of its own: SQLite's "async" calls complete synchronously, so an awaited loop would
    /// never hand the test its thread back.
    /// </summary>
    private static Task WriteUntilAsync(Acknowledged acknowledged, Func<int, Task<string>> write, CancellationToken stop) =>
        Task.Run(async () =>
        {
            for (var n = 1; !stop.IsCancellationRequested; n++)
            {
                acknowledged.Add(await write(n));
            }
        }, CancellationToken.None);

    private string NewFolder()
    {
        var folder = PortalFactory.NewDataPath();
        _folders.Add(folder);
        return folder;
    }

    private static BackupManifest ReadManifest(string backup) =>
        JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(Path.Combine(backup, BackupManifest.FileName)), JsonSerializerOptions.Web)!;

    private static PortalDbContext OpenDatabase(string dataPath) =>
        PortalDbContexts.Create(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dataPath, DataFolder.DatabaseFileName)};Pooling=False");

    private static (CommandConsole Console, StringWriter Output, StringWriter Errors) Console()
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        return (new CommandConsole(output, errors, _ => null, _ => null), output, errors);
    }

    /// <summary>Writes the portal has confirmed, in order; read while the writers go on.</summary>
    private sealed class Acknowledged
    {
        private readonly List<string> _writes = [];

        public int Count
        {
            get
            {
                lock (_writes)
                {
                    return _writes.Count;
                }
            }
        }

        public void Add(string write)
        {
            lock (_writes)
            {
                _writes.Add(write);
            }
        }

        public List<string> Snapshot()
        {
            lock (_writes)
            {
                return [.. _writes];
            }
        }
    }
}

/// <summary>On PostgreSQL the database is the server's: `admin backup` and `admin restore` say to use pg_dump and do nothing.</summary>
[Trait("Database", "PostgreSqlOnly")]
public sealed class ServerDatabaseBackupTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData(BackupCommand.Backup, "--output")]
    [InlineData(BackupCommand.Restore, "--input")]
    public async Task The_backup_commands_point_to_pg_dump_in_one_line_and_touch_nothing(string verb, string option)
    {
        var folder = PortalFactory.NewDataPath();
        var output = new StringWriter();
        var errors = new StringWriter();

        var exit = await AdminCommand.RunAsync(["admin", verb, option, folder], factory.Services, new CommandConsole(output, errors, _ => null, _ => null));

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output.ToString());
        var line = Assert.Single(errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("pg_dump", line, StringComparison.Ordinal);
        Assert.StartsWith("admin backup/restore hanya untuk SQLite", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }
}
