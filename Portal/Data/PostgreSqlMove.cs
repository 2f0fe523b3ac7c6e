using System.Data.Common;
using System.Xml.Linq;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Portal.Data;

/// <summary>The rows of one table in the SQLite source and in the PostgreSQL copy.</summary>
public sealed record TableCount(string Table, long Source, long Target)
{
    public bool Matches => Source == Target;
}

/// <summary>The counts of a finished copy, or why nothing was copied.</summary>
public sealed record MoveResult(IReadOnlyList<TableCount> Counts, int KeyFilesCopied, string? Error)
{
    public static MoveResult Failed(string error) => new([], 0, error);
}

/// <summary>
/// Copies a SQLite portal's database into an empty PostgreSQL database (`admin migrate-database`).
/// Generic over the EF model: every table the model maps is copied, principals before their
/// dependants, with its primary keys as they are (links, registration numbers and audit entries
/// keep pointing at the same rows), so a table added later is copied without a change here.
/// The search log (SearchChanges) is copied like the rest: a node's index stays correct either way
/// (a node with no index, or one ahead of the copy, rebuilds from the database on start), and
/// keeping its ids means the sequence goes on after them. Owned values (a batch's recorded
/// outcome, stored as JSON) travel inside their owner's row.
/// The source is read in one read transaction: in WAL mode that is one moment of the database
/// while the running portal goes on writing. The target is written in one transaction, checked
/// table by table before it commits, so a failure leaves it empty.
/// </summary>
public static class PostgreSqlMove
{
    /// <summary>The table of Microsoft.AspNetCore.DataProtection.EntityFrameworkCore, when the model has it.</summary>
    public const string KeysTable = "DataProtectionKeys";

    private const string MigrationsHistoryTable = "__EFMigrationsHistory";

    /// <summary>Rows per SaveChanges: bounded memory on a large install, few round trips on a small one.</summary>
    private const int ChunkSize = 500;

    public static async Task<MoveResult> CopyAsync(string sqliteConnectionString, string targetConnectionString, string keysFolder, CancellationToken cancellationToken)
    {
        var refusal = await RefuseTargetAsync(targetConnectionString, cancellationToken);
        if (refusal is not null)
        {
            return MoveResult.Failed(refusal);
        }

        await using var source = PortalDbContexts.Create(DatabaseProvider.Sqlite, sqliteConnectionString);
        await using var target = PortalDbContexts.Create(DatabaseProvider.PostgreSql, targetConnectionString);
        try
        {
            // The source at this version's schema, as the portal's own start would leave it; the
            // target gets the PostgreSQL migrations (and is created if the server has no such database).
            await DatabaseSetup.MigrateAsync(source, cancellationToken);
            await target.Database.MigrateAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            return MoveResult.Failed($"Skema basis data tidak dapat disiapkan: {Innermost(e).Message}. Tidak ada data yang disalin.");
        }

        source.ChangeTracker.AutoDetectChangesEnabled = false;
        target.ChangeTracker.AutoDetectChangesEnabled = false;
        await source.Database.OpenConnectionAsync(cancellationToken);
        // Deferred: a plain BEGIN takes no lock, so the running portal's writers are never held up;
        // the first read fixes the snapshot every later read of this transaction sees.
        await using var read = ((SqliteConnection)source.Database.GetDbConnection()).BeginTransaction(deferred: true);
        await source.Database.UseTransactionAsync(read, cancellationToken);
        await using var write = await target.Database.BeginTransactionAsync(cancellationToken);

        var tables = InForeignKeyOrder(target.Model);
        var counts = new List<TableCount>();
        var keyFiles = 0;
        var table = string.Empty;
        try
        {
            foreach (var entityType in tables)
            {
                table = entityType.GetTableName()!;
                var sourceType = source.Model.FindEntityType(entityType.Name);
                if (sourceType is not null)
                {
                    await CopyRowsAsync(source, target, sourceType, entityType, cancellationToken);
                }
            }

            table = KeysTable;
            keyFiles = await CopyKeyFilesAsync(target, keysFolder, cancellationToken);

            foreach (var entityType in tables)
            {
                table = entityType.GetTableName()!;
                var inSource = source.Model.FindEntityType(entityType.Name) is null ? 0 : await CountAsync(source, table, cancellationToken);
                counts.Add(new TableCount(table, inSource + (table == KeysTable ? keyFiles : 0), await CountAsync(target, table, cancellationToken)));
            }

            if (counts.Any(c => !c.Matches))
            {
                return new MoveResult(counts, keyFiles, "Jumlah baris salinan tidak cocok dengan sumbernya. Tidak ada yang disimpan: basis data tujuan tetap kosong.");
            }

            table = "(urutan id)";
            await ResetIdentitySequencesAsync(target, tables, cancellationToken);
            await write.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException)
        {
            return MoveResult.Failed($"Penyalinan tabel {table} gagal: {Innermost(e).Message}. Tidak ada yang disimpan: basis data tujuan tetap kosong.");
        }

        return new MoveResult(counts, keyFiles, null);
    }

    /// <summary>
    /// Why the target cannot be written, or null. Empty means no row in any table (the migrations'
    /// history aside, so a copy that failed after the migration can simply be run again); a
    /// database that does not exist yet counts as empty, the migration creates it.
    /// </summary>
    private static async Task<string?> RefuseTargetAsync(string connectionString, CancellationToken cancellationToken)
    {
        NpgsqlConnection connection;
        try
        {
            connection = new NpgsqlConnection(connectionString);
        }
        catch (ArgumentException e)
        {
            return $"--to-connection bukan connection string PostgreSQL yang sah: {e.Message}";
        }

        await using (connection)
        {
            try
            {
                await connection.OpenAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                return null;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                return $"Basis data tujuan {Describe(connectionString)} tidak dapat dihubungi: {Innermost(e).Message}";
            }

            var tables = new List<string>();
            await using (var list = new NpgsqlCommand(
                "SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables " +
                "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') AND table_name <> @history", connection))
            {
                list.Parameters.AddWithValue("history", MigrationsHistoryTable);
                await using var reader = await list.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    tables.Add(reader.GetString(0));
                }
            }

            foreach (var table in tables)
            {
                await using var any = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {table})", connection);
                if ((bool)(await any.ExecuteScalarAsync(cancellationToken))!)
                {
                    return $"Basis data tujuan {Describe(connectionString)} tidak kosong (tabel {table} berisi data). " +
                        "Salin hanya ke basis data baru yang kosong, agar tidak ada data yang tertimpa atau tercampur.";
                }
            }
        }

        return null;
    }

    /// <summary>"host:port/database", for messages: never the password.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
    }

    /// <summary>
    /// The tables to copy, each after every table its foreign keys point at. Owned types are
    /// copied with their owner, derived types with their base type's table.
    /// </summary>
    private static List<IEntityType> InForeignKeyOrder(IModel model)
    {
        var remaining = model.GetEntityTypes()
            .Where(t => !t.IsOwned() && t.BaseType is null && t.GetTableName() is not null)
            .OrderBy(t => t.GetTableName(), StringComparer.Ordinal)
            .ToList();
        var ordered = new List<IEntityType>();
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(type => PrincipalsOf(model, type).All(p => p == type || ordered.Contains(p)))
                ?? throw new InvalidOperationException($"Foreign keys form a cycle among {string.Join(", ", remaining.Select(t => t.GetTableName()))}.");
            ordered.Add(next);
            remaining.Remove(next);
        }

        return ordered;
    }

    /// <summary>The tables a table's rows point at, through its own foreign keys and those of the types stored in its rows.</summary>
    private static IEnumerable<IEntityType> PrincipalsOf(IModel model, IEntityType type) =>
        model.GetEntityTypes()
            .Where(t => Root(t) == type)
            .SelectMany(t => t.GetForeignKeys())
            .Where(fk => !fk.IsOwnership)
            .Select(fk => Root(fk.PrincipalEntityType));

    private static IEntityType Root(IReadOnlyEntityType type)
    {
        while (type.FindOwnership() is { } ownership)
        {
            type = ownership.PrincipalEntityType;
        }

        return (IEntityType)type.GetRootType();
    }

    private static Task CopyRowsAsync(PortalDbContext source, PortalDbContext target, IEntityType from, IEntityType to, CancellationToken cancellationToken) =>
        (Task)typeof(PostgreSqlMove).GetMethod(nameof(CopyRowsOfTypeAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(to.ClrType)
            .Invoke(null, [source, target, from, to, cancellationToken])!;

    /// <summary>
    /// Reads the rows tracked (the source's shadow values, foreign keys among them, live only in
    /// its change tracker), adds the same objects to the target with those values, and saves in
    /// chunks. Both trackers are emptied after each chunk, so no navigation leads the target to a
    /// row of another table (which it would insert a second time).
    /// </summary>
    private static async Task CopyRowsOfTypeAsync<TEntity>(PortalDbContext source, PortalDbContext target, IEntityType from, IEntityType to, CancellationToken cancellationToken)
        where TEntity : class
    {
        var rows = from.HasSharedClrType ? source.Set<TEntity>(from.Name) : source.Set<TEntity>();
        var copies = to.HasSharedClrType ? target.Set<TEntity>(to.Name) : target.Set<TEntity>();
        var pending = 0;
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var original = rows.Entry(row);
            var copy = copies.Add(row);
            foreach (var property in to.GetProperties().Where(p => p.ValueGenerated != ValueGenerated.OnAddOrUpdate))
            {
                if (property.IsShadowProperty() && from.FindProperty(property.Name) is not null)
                {
                    copy.Property(property.Name).CurrentValue = original.Property(property.Name).CurrentValue;
                }

                // Npgsql writes timestamptz only in UTC; SQLite kept whatever offset was written.
                if (copy.Property(property.Name).CurrentValue is DateTimeOffset { Offset.Ticks: not 0 } time)
                {
                    copy.Property(property.Name).CurrentValue = time.ToUniversalTime();
                }
            }

            if (++pending == ChunkSize)
            {
                await SaveChunkAsync(source, target, cancellationToken);
                pending = 0;
            }
        }

        await SaveChunkAsync(source, target, cancellationToken);
    }

    private static async Task SaveChunkAsync(PortalDbContext source, PortalDbContext target, CancellationToken cancellationToken)
    {
        await target.SaveChangesAsync(cancellationToken);
        target.ChangeTracker.Clear();
        source.ChangeTracker.Clear();
    }

    /// <summary>
    /// A SQLite install keeps its data-protection keys as files (data/keys/key-GUID.xml). When the
    /// model stores keys in the database, each file becomes a row named as the framework's
    /// database repository names it (the file name without .xml), so cookies and emailed links
    /// made before the move stay valid on every node. Files already present as rows are skipped.
    /// </summary>
    private static async Task<int> CopyKeyFilesAsync(PortalDbContext target, string keysFolder, CancellationToken cancellationToken)
    {
        var keys = target.Model.GetEntityTypes().FirstOrDefault(t => t.GetTableName() == KeysTable);
        if (keys is null || keys.FindProperty("FriendlyName") is null || keys.FindProperty("Xml") is null || !Directory.Exists(keysFolder))
        {
            return 0;
        }

        var names = $"SELECT \"FriendlyName\" AS \"Value\" FROM {Quote(KeysTable)}";
        var present = (await target.Database.SqlQueryRaw<string>(names).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var copied = 0;
        foreach (var file in Directory.EnumerateFiles(keysFolder, "*.xml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (present.Contains(name))
            {
                continue;
            }

            var entry = target.Entry(Activator.CreateInstance(keys.ClrType)!);
            entry.Property("FriendlyName").CurrentValue = name;
            entry.Property("Xml").CurrentValue = XElement.Load(file).ToString(SaveOptions.DisableFormatting);
            entry.State = EntityState.Added;
            copied++;
        }

        await target.SaveChangesAsync(cancellationToken);
        target.ChangeTracker.Clear();
        return copied;
    }

    /// <summary>Table and column names in the SQL here come from the EF model, quoted; no value from outside.</summary>
    private static async Task<long> CountAsync(PortalDbContext db, string table, CancellationToken cancellationToken)
    {
        var count = $"SELECT COUNT(*) AS \"Value\" FROM {Quote(table)}";
        return await db.Database.SqlQueryRaw<long>(count).SingleAsync(cancellationToken);
    }

    /// <summary>
    /// The rows came with their ids, which an identity column's sequence does not see: it is set
    /// past the largest, or the first new row would collide with a copied one.
    /// </summary>
    private static async Task ResetIdentitySequencesAsync(PortalDbContext target, IEnumerable<IEntityType> tables, CancellationToken cancellationToken)
    {
        foreach (var type in tables)
        {
            var table = Quote(type.GetTableName()!);
            foreach (var property in type.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.OnAdd && IsInteger(p.ClrType)))
            {
                var column = property.GetColumnName();
                var setval = $"SELECT setval(s, (SELECT COALESCE(MAX({Quote(column)}), 0) + 1 FROM {table}), false) " +
                    "FROM pg_get_serial_sequence({0}, {1}) AS s WHERE s IS NOT NULL";
                await target.Database.ExecuteSqlRawAsync(setval, [table, column], cancellationToken);
            }
        }
    }

    private static bool IsInteger(Type type) => (Nullable.GetUnderlyingType(type) ?? type) is var clr
        && (clr == typeof(int) || clr == typeof(long) || clr == typeof(short));

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
