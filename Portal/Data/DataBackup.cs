using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Portal.Mail;

namespace Portal.Data;

/// <summary>
/// What a backup holds, written last as manifest.json: when and by which version it was made,
/// the rows of the main tables, and the SHA-256 of every file, so that a restore can prove the
/// backup is whole before it trusts it.
/// </summary>
public sealed record BackupManifest
{
    public const string FileName = "manifest.json";
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    public required DateTimeOffset CreatedAtUtc { get; init; }

    public required string PortalVersion { get; init; }

    /// <summary>The last EF Core migration applied to the copied database.</summary>
    public required string Migration { get; init; }

    public required SortedDictionary<string, long> RowCounts { get; init; }

    /// <summary>Path inside the backup (with '/') → SHA-256 in lower-case hex.</summary>
    public required SortedDictionary<string, string> Files { get; init; }
}

/// <summary>The manifest of the backup made or restored, or why nothing was done.</summary>
public sealed record BackupResult(BackupManifest? Manifest, string? Error)
{
    public static BackupResult Failed(string error) => new(null, error);
}

/// <summary>
/// Backs up the data folder while the portal runs, and restores a backup into an empty one.
/// A backup is the database, copied with SQLite's online backup API (one consistent snapshot,
/// taken while the portal goes on writing: in WAL mode a reader blocks no writer), then the
/// uploads (from Portal:UploadsPath when set, and restored there) and the data-protection keys. Files are copied after the database, and both kinds are
/// only ever added under new names (covers and their smaller sizes are named by the cover's hash,
/// keys by a new id), so every file the copied database refers to is in the backup. The sizes
/// travel with their cover, so a restored portal serves them at once; a size missing from a
/// backup (one made before sizes existed) is made again when a page first shows its cover. Left out: the search index, rebuilt
/// from the database on the first start, and the outbox and the queued emails, whose messages
/// (one-time sign-in and reset links among them) a restore must not send twice.
/// The one place besides DatabaseSetup that knows the database is a SQLite file.
/// </summary>
public sealed class DataBackup(DataFolder data, TimeProvider clock)
{
    /// <summary>The folders of the data folder a restored portal needs besides the database.</summary>
    public static readonly IReadOnlyList<string> Folders = [DataFolder.UploadsFolder, DataFolder.KeysFolder];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The main tables counted in the manifest, with their Indonesian names for the report.</summary>
    private static readonly (string Key, string Label, Func<PortalDbContext, CancellationToken, Task<long>> Count)[] Tables =
    [
        ("articles", "berita", (db, ct) => db.Articles.LongCountAsync(ct)),
        ("articleRevisions", "revisi berita", (db, ct) => db.ArticleRevisions.LongCountAsync(ct)),
        ("programmes", "program", (db, ct) => db.Programmes.LongCountAsync(ct)),
        ("batches", "gelombang", (db, ct) => db.Batches.LongCountAsync(ct)),
        ("applications", "pendaftaran", (db, ct) => db.Applications.LongCountAsync(ct)),
        ("applicationStatusChanges", "perubahan status", (db, ct) => db.ApplicationStatusChanges.LongCountAsync(ct)),
        ("jobSeekerProfiles", "profil pencari kerja", (db, ct) => db.JobSeekerProfiles.LongCountAsync(ct)),
        ("users", "akun", (db, ct) => db.Users.LongCountAsync(ct)),
        ("auditEntries", "catatan audit", (db, ct) => db.AuditEntries.LongCountAsync(ct)),
    ];

    /// <summary>The data folder backed up from, or restored into.</summary>
    public string DataRoot => data.Root;

    /// <summary>"31 berita, 4 program, …" in the order of the tables above.</summary>
    public static string Describe(IReadOnlyDictionary<string, long> rowCounts) =>
        string.Join(", ", Tables.Where(t => rowCounts.ContainsKey(t.Key)).Select(t => $"{rowCounts[t.Key].ToString("N0", Wib.Culture)} {t.Label}"));

    /// <summary>Writes a backup into <paramref name="output"/>, a folder that must be new or empty.</summary>
    public async Task<BackupResult> CreateAsync(string output, CancellationToken cancellationToken)
    {
        output = Path.GetFullPath(output);
        if (!File.Exists(data.DatabaseFile))
        {
            return BackupResult.Failed($"Tidak ada basis data di {data.DatabaseFile}. Periksa pengaturan Portal:DataPath.");
        }

        if (IsInside(output, data.Root))
        {
            return BackupResult.Failed($"Folder cadangan {output} ada di dalam folder data {data.Root}. Simpan cadangan di luar folder data (sebaiknya di disk lain).");
        }

        if (File.Exists(output) || (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any()))
        {
            return BackupResult.Failed($"{output} sudah berisi berkas. Cadangan hanya ditulis ke folder baru atau kosong, agar cadangan lain tidak tertimpa.");
        }

        // Built under another name and renamed when complete: a backup interrupted half-way
        // (disk full, server stopped) never looks like a finished one.
        var partial = $"{output}.partial-{Guid.NewGuid():N}";
        try
        {
            CreatePrivateDirectory(partial);
            var database = Path.Combine(partial, DataFolder.DatabaseFileName);
            await CopyDatabaseAsync(data.DatabaseFile, database, cancellationToken);
            foreach (var folder in Folders)
            {
                CopyFolder(data.Folder(folder), Path.Combine(partial, folder));
            }

            BackupManifest manifest;
            await using (var db = OpenDatabase(database))
            {
                manifest = new BackupManifest
                {
                    CreatedAtUtc = clock.GetUtcNow(),
                    PortalVersion = PortalVersion(),
                    Migration = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault() ?? string.Empty,
                    RowCounts = await CountRowsAsync(db, cancellationToken),
                    Files = await ChecksumsAsync(partial, cancellationToken),
                };
            }

            await File.WriteAllTextAsync(Path.Combine(partial, BackupManifest.FileName), JsonSerializer.Serialize(manifest, Json), cancellationToken);
            if (Directory.Exists(output))
            {
                Directory.Delete(output);
            }

            Directory.Move(partial, output);
            return new BackupResult(manifest, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException or InvalidDataException)
        {
            TryDelete(partial);
            return BackupResult.Failed($"Cadangan gagal dan tidak disimpan: {e.Message}");
        }
    }

    /// <summary>
    /// Restores the backup in <paramref name="input"/> into the data folder, which must be empty:
    /// a restore never mixes two states or overwrites data that may be the only copy. Nothing is
    /// written unless every file matches its checksum.
    /// </summary>
    public async Task<BackupResult> RestoreAsync(string input, CancellationToken cancellationToken)
    {
        input = Path.GetFullPath(input);
        var manifestFile = Path.Combine(input, BackupManifest.FileName);
        if (!File.Exists(manifestFile))
        {
            return BackupResult.Failed($"Tidak ada {BackupManifest.FileName} di {input}: folder ini bukan cadangan portal, atau pencadangannya tidak selesai.");
        }

        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(manifestFile, cancellationToken), Json);
        }
        catch (JsonException)
        {
            manifest = null;
        }

        if (manifest is null || manifest.Format != BackupManifest.CurrentFormat || !manifest.Files.ContainsKey(DataFolder.DatabaseFileName)
            || manifest.Files.Keys.Any(path => !IsBackedUpPath(path)))
        {
            return BackupResult.Failed($"{manifestFile} tidak dapat dibaca sebagai manifest cadangan portal versi ini. Tidak ada yang dipulihkan.");
        }

        if (!KnowsMigration(manifest.Migration))
        {
            return BackupResult.Failed(
                $"Cadangan ini dibuat oleh versi portal yang lebih baru ({manifest.PortalVersion}, migrasi {manifest.Migration}). " +
                "Pasang versi itu atau yang lebih baru, lalu pulihkan lagi. Tidak ada yang dipulihkan.");
        }

        if (Directory.EnumerateFileSystemEntries(data.Root).Any())
        {
            return BackupResult.Failed(
                $"Folder data {data.Root} tidak kosong. Pemulihan hanya dilakukan ke folder data yang kosong, agar tidak ada data yang tertimpa. " +
                "Hentikan portal, pindahkan isi folder itu ke tempat lain (atau atur Portal:DataPath ke folder baru), lalu ulangi.");
        }

        var damaged = await DamagedFilesAsync(path => Path.Combine(input, path), manifest.Files, cancellationToken);
        if (damaged.Count > 0)
        {
            return BackupResult.Failed($"Cadangan rusak: {string.Join(", ", damaged)} tidak cocok dengan checksum di {BackupManifest.FileName}. Tidak ada yang dipulihkan.");
        }

        try
        {
            foreach (var path in manifest.Files.Keys)
            {
                // An upload already in a shared uploads folder (Portal:UploadsPath) is the same
                // image under the same hash; the read-back below proves it.
                var target = RestoredPath(path);
                if (!File.Exists(target))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(Path.Combine(input, path), target);
                }
            }

            // The copies are read back: a disk that fails while restoring must not go unnoticed.
            damaged = await DamagedFilesAsync(RestoredPath, manifest.Files, cancellationToken);
            if (damaged.Count > 0)
            {
                throw new IOException($"salinan {string.Join(", ", damaged)} berbeda dari cadangannya");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Empty(data.Root);
            return BackupResult.Failed($"Pemulihan gagal, folder data dikosongkan lagi: {e.Message}");
        }

        return new BackupResult(manifest, null);
    }

    private static async Task CopyDatabaseAsync(string source, string destination, CancellationToken cancellationToken)
    {
        await using var from = new SqliteConnection(ConnectionString(source, SqliteOpenMode.ReadWrite));
        await using var to = new SqliteConnection(ConnectionString(destination, SqliteOpenMode.ReadWriteCreate));
        await from.OpenAsync(cancellationToken);
        await to.OpenAsync(cancellationToken);
        from.BackupDatabase(to);

        // One self-contained file instead of a WAL pair, checked before it is trusted as a backup.
        await using var command = to.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=DELETE;";
        await command.ExecuteNonQueryAsync(cancellationToken);

        // Queued emails stay behind, as the outbox does: they hold addresses and sign-in links, and
        // a restore must not send again what the running portal is about to send. Overwritten, not
        // just unlinked, so that no page of the copy still holds them.
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $table;";
        command.Parameters.AddWithValue("$table", QueuedEmail.TableName);
        if ((long)(await command.ExecuteScalarAsync(cancellationToken))! == 1)
        {
            command.CommandText = $"PRAGMA secure_delete=ON; DELETE FROM \"{QueuedEmail.TableName}\";";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        command.Parameters.Clear();
        command.CommandText = "PRAGMA integrity_check;";
        var check = (string?)await command.ExecuteScalarAsync(cancellationToken);
        if (check != "ok")
        {
            throw new InvalidDataException($"pemeriksaan basis data: {check}");
        }
    }

    /// <summary>Without pooling, so that the file is closed (and can be moved) when the connection is.</summary>
    private static string ConnectionString(string file, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false, DefaultTimeout = 30 }.ToString();

    private static PortalDbContext OpenDatabase(string file) =>
        PortalDbContexts.Create(DatabaseProvider.Sqlite, ConnectionString(file, SqliteOpenMode.ReadOnly));

    private static bool KnowsMigration(string migration)
    {
        using var db = OpenDatabase(":memory:");
        return migration.Length == 0 || db.Database.GetMigrations().Contains(migration);
    }

    private static async Task<SortedDictionary<string, long>> CountRowsAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, _, count) in Tables)
        {
            counts[key] = await count(db, cancellationToken);
        }

        return counts;
    }

    /// <summary>Every file below <paramref name="root"/> with its SHA-256, by its path inside the backup.</summary>
    private static async Task<SortedDictionary<string, string>> ChecksumsAsync(string root, CancellationToken cancellationToken)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            files[Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/')] = await Sha256Async(file, cancellationToken);
        }

        return files;
    }

    /// <summary>Where a file of a backup goes: the database into the data folder, the rest into their folders (uploads possibly elsewhere).</summary>
    private string RestoredPath(string path)
    {
        var parts = path.Split('/', 2);
        return parts.Length == 1 ? Path.Combine(data.Root, path) : Path.Combine(data.Folder(parts[0]), parts[1]);
    }

    /// <summary>The files (each found by <paramref name="locate"/>) that are missing or differ from their checksum.</summary>
    private static async Task<List<string>> DamagedFilesAsync(Func<string, string> locate, IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken)
    {
        var damaged = new List<string>();
        foreach (var (path, checksum) in files)
        {
            var file = locate(path);
            if (!File.Exists(file) || !string.Equals(await Sha256Async(file, cancellationToken), checksum, StringComparison.OrdinalIgnoreCase))
            {
                damaged.Add(path);
            }
        }

        return damaged;
    }

    private static async Task<string> Sha256Async(string file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>
    /// The database or a file in one of <see cref="Folders"/>, never a path that leaves the folder:
    /// a manifest is read from disk and could have been edited.
    /// </summary>
    private static bool IsBackedUpPath(string path)
    {
        var parts = path.Split('/');
        return path == DataFolder.DatabaseFileName
            || (parts.Length >= 2 && Folders.Contains(parts[0]) && parts.All(p => p.Length > 0 && p != "." && p != ".." && !p.Contains('\\', StringComparison.Ordinal)));
    }

    /// <summary>Copies the finished files of a folder; files still being written are skipped (they carry a temporary suffix).</summary>
    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        if (!Directory.Exists(from))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".tmp", StringComparison.Ordinal) || file.EndsWith(".partial", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>A backup holds personal data and the keys that sign cookies: only the portal's own user may read it.</summary>
    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static bool IsInside(string path, string folder) =>
        path.Equals(folder, StringComparison.Ordinal)
        || path.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string PortalVersion() =>
        typeof(DataBackup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "tidak diketahui";

    private static void Empty(string folder)
    {
        foreach (var directory in Directory.EnumerateDirectories(folder))
        {
            Directory.Delete(directory, recursive: true);
        }

        foreach (var file in Directory.EnumerateFiles(folder))
        {
            File.Delete(file);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A partial backup left behind keeps its ".partial-" name, so it is never taken for a complete one.
        }
    }
}
