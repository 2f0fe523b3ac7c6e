namespace Portal.Data;

/// <summary>
/// `dotnet Portal.dll admin backup --output DIR` and `admin restore --input DIR` (see
/// <see cref="DataBackup"/>). Exit code 0 when done, 1 when refused or failed (nothing is left
/// half done), so that a systemd timer or a script notices.
/// </summary>
public static class BackupCommand
{
    public const string Backup = "backup";
    public const string Restore = "restore";

    /// <summary>
    /// What the commands say on PostgreSQL, in one line: a backup here is a copy of the SQLite file,
    /// while a PostgreSQL database is the server's to back up, with the tools its staff already use.
    /// </summary>
    public const string ServerDatabase =
        "admin backup/restore hanya untuk SQLite; basis data PostgreSQL dicadangkan dengan pg_dump dan dipulihkan dengan pg_restore " +
        "(admin backup/restore is for SQLite only; back up PostgreSQL with pg_dump).";

    public static bool IsInvoked(string[] args) => args is ["admin", Backup or Restore, ..];

    /// <summary>As <see cref="RunAsync(string[], DataBackup, CommandConsole)"/>, after refusing (exit code 1) when the database is not a SQLite file.</summary>
    public static async Task<int?> RunAsync(string[] args, IServiceProvider services, CommandConsole console)
    {
        if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider != DatabaseProvider.Sqlite)
        {
            await console.Error.WriteLineAsync(ServerDatabase);
            return 1;
        }

        return await RunAsync(args, services.GetRequiredService<DataBackup>(), console);
    }

    /// <summary>The exit code; null when the folder option is missing (the caller prints the usage).</summary>
    public static async Task<int?> RunAsync(string[] args, DataBackup backup, CommandConsole console)
    {
        var restoring = args[1] == Restore;
        var folder = CommandLine.Option(args, restoring ? "--input" : "--output", from: 2);
        if (string.IsNullOrEmpty(folder))
        {
            return null;
        }

        var result = restoring
            ? await backup.RestoreAsync(folder, CancellationToken.None)
            : await backup.CreateAsync(folder, CancellationToken.None);
        if (result.Manifest is not { } manifest)
        {
            await console.Error.WriteLineAsync(result.Error);
            return 1;
        }

        var made = $"{Wib.LongDateTime(manifest.CreatedAtUtc.UtcDateTime)}, portal {manifest.PortalVersion}, migrasi {manifest.Migration}";
        var contents = $"Isi: {DataBackup.Describe(manifest.RowCounts)}; {manifest.Files.Count} berkas";
        await console.Out.WriteLineAsync(restoring
            ? $"""
              Cadangan {Path.GetFullPath(folder)} dipulihkan ke {backup.DataRoot}.
              {contents}, semuanya cocok dengan checksum SHA-256. Dibuat {made}.
              Indeks pencarian dibangun ulang dari basis data saat portal dijalankan.
              """
            : $"""
              Cadangan dibuat di {Path.GetFullPath(folder)}.
              {contents}, masing-masing dengan checksum SHA-256 di {BackupManifest.FileName}. Dibuat {made}.
              """);
        return 0;
    }
}
