using Npgsql;
using Portal.Mail;

namespace Portal.Data;

/// <summary>
/// `dotnet Portal.dll admin migrate-database --to-connection "Host=…;Database=…;Username=…"`: copies
/// this SQLite portal (see <see cref="PostgreSqlMove"/>) into an empty PostgreSQL database, prints
/// the rows of every table on both sides, and what to set on every node. The password may stay
/// out of the argument (and so out of the shell history): Npgsql reads PGPASSWORD or ~/.pgpass.
/// Exit code 0 when copied, 1 when refused or failed (the target is then left empty).
/// </summary>
public static class MigrateDatabaseCommand
{
    public const string Verb = "migrate-database";

    public const string TargetOption = "--to-connection";

    /// <summary>The shared uploads folder's setting, as an environment variable (the setting belongs to the uploads feature).</summary>
    public const string UploadsPathVariable = "Portal__UploadsPath";

    public static bool IsInvoked(string[] args) => args is ["admin", Verb, ..];

    /// <summary>The exit code; null when the target option is missing (the caller prints the usage).</summary>
    public static async Task<int?> RunAsync(string[] args, IServiceProvider services, CommandConsole console)
    {
        var target = CommandLine.Option(args, TargetOption, from: 2);
        if (string.IsNullOrEmpty(target))
        {
            return null;
        }

        DatabaseProvider provider;
        try
        {
            (provider, _) = DatabaseOptions.Read(services.GetRequiredService<IConfiguration>());
        }
        catch (DatabaseConfigurationException e)
        {
            provider = DatabaseProvider.PostgreSql;
            await console.Error.WriteLineAsync(e.Message);
        }

        if (provider != DatabaseProvider.Sqlite)
        {
            await console.Error.WriteLineAsync(
                $"Sumber harus portal SQLite, tetapi {DatabaseOptions.ProviderKey} = {provider}. Jalankan perintah ini dengan pengaturan portal SQLite yang akan dipindahkan.");
            return 1;
        }

        var data = services.GetRequiredService<DataFolder>();
        if (!File.Exists(data.DatabaseFile))
        {
            await console.Error.WriteLineAsync($"Tidak ada basis data di {data.DatabaseFile}. Periksa pengaturan Portal:DataPath.");
            return 1;
        }

        var result = await PostgreSqlMove.CopyAsync(
            DataServices.ConnectionString(data), target, Path.Combine(data.Root, DataFolder.KeysFolder), CancellationToken.None);
        if (result.Counts.Count > 0)
        {
            await console.Out.WriteLineAsync(CountTable(result.Counts));
        }

        if (result.Error is not null)
        {
            await console.Error.WriteLineAsync(result.Error);
            return 1;
        }

        var notes = result.Counts.Any(c => c.Table == PostgreSqlMove.KeysTable)
            ? $"{result.KeyFilesCopied} kunci perlindungan data dari {Path.Combine(data.Root, DataFolder.KeysFolder)} disalin ke tabel {PostgreSqlMove.KeysTable}: sesi masuk dan tautan email tetap berlaku."
            : $"Kunci perlindungan data tetap berkas di {Path.Combine(data.Root, DataFolder.KeysFolder)}: salin folder itu ke folder data setiap node, atau semua orang harus masuk lagi.";
        // Queued emails are copied so that none is lost; the SQLite portal, if still running, sends them too.
        var queued = result.Counts.FirstOrDefault(c => c.Table == QueuedEmail.TableName)?.Target ?? 0;
        if (queued > 0)
        {
            notes += $"{Environment.NewLine}{queued} email dalam antrean ikut disalin dan akan dikirim oleh node PostgreSQL; bila portal SQLite masih berjalan, email itu bisa terkirim dua kali.";
        }

        await console.Out.WriteLineAsync($"""
            Data portal {data.DatabaseFile} disalin ke PostgreSQL {PostgreSqlMove.Describe(target)}; jumlah baris setiap tabel cocok.
            {notes}

            Atur di setiap node (variabel lingkungan), lalu jalankan node-node itu:
              {DatabaseOptions.ProviderKey.Replace(":", "__", StringComparison.Ordinal)}={DatabaseProvider.PostgreSql}
              ConnectionStrings__{DatabaseOptions.ConnectionStringName}={WithoutPassword(target)}
              {UploadsPathVariable}=<folder bersama berisi salinan {Path.Combine(data.Root, DataFolder.UploadsFolder)}>

            Folder unggahan (gambar sampul) tidak disalin ke basis data: salin ke penyimpanan yang dipakai bersama
            semua node (mis. NFS) dan arahkan {UploadsPathVariable} setiap node ke sana.
            Indeks pencarian setiap node dibangun ulang dari basis data saat node pertama kali berjalan.
            Perubahan di portal SQLite setelah penyalinan ini tidak ikut: hentikan portal SQLite sebelum
            penyalinan terakhir, dan jangan jalankan lagi setelah node PostgreSQL berjalan.
            """);
        return 0;
    }

    /// <summary>
    /// The connection string to set, with a placeholder for the password: a terminal's output is
    /// often logged or shared, and a password given in PGPASSWORD is one the nodes need as well.
    /// </summary>
    public static string WithoutPassword(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Password = null };
        return $"{builder.ConnectionString};Password=<kata sandi>";
    }

    private static string CountTable(IReadOnlyList<TableCount> counts)
    {
        var width = Math.Max("tabel".Length, counts.Max(c => c.Table.Length));
        var lines = new List<string> { $"{"tabel".PadRight(width)}  {"SQLite",10}  {"PostgreSQL",10}" };
        lines.AddRange(counts.Select(c => $"{c.Table.PadRight(width)}  {N(c.Source),10}  {N(c.Target),10}{(c.Matches ? string.Empty : "  <- berbeda")}"));
        return string.Join(Environment.NewLine, lines);
    }

    private static string N(long value) => value.ToString("N0", Wib.Culture);
}
