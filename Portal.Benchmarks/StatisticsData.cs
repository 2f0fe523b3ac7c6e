using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Portal.Accounts;
using Portal.Data;
using Portal.Shared;
using Portal.Training;

namespace Portal.Benchmarks;

/// <summary>
/// A portal database (the real schema, by the real migrations) holding N applications spread over
/// batches of several programmes, both funding sources and several years, each with the status
/// history an operator's decisions leave: what /statistik counts at the scale of a city's decade.
/// Programmes and batches go through EF; the applications and their history, hundreds of
/// thousands of rows, through one prepared INSERT each in one transaction, with the table and
/// column names read from the EF model so that a renamed column cannot be missed.
/// Every application is anonymised (no account): the statistics count them all the same, and no
/// personal data is made up.
/// </summary>
public static class StatisticsData
{
    public const int FirstYear = 2023;

    private static readonly string[] Programmes = ["Soft skill", "Public speaking", "Sablon", "Barista", "Digital marketing", "Menjahit"];

    /// <summary>Batches per programme, funding source and year.</summary>
    private const int WavesPerYear = 2;

    private static readonly Kecamatan[] Kecamatans = Enum.GetValues<Kecamatan>();

    private static readonly EducationLevel[] Educations = Enum.GetValues<EducationLevel>();

    public sealed record Seeded(int Programmes, int Batches, int Applications, int HistoryRows, int LastYear);

    /// <summary>Creates the database at <paramref name="file"/> and fills it; years run from <see cref="FirstYear"/> to <paramref name="lastYear"/>.</summary>
    public static async Task<Seeded> SeedAsync(string file, int applications, int lastYear, int seed)
    {
        var random = new Random(seed);
        List<Batch> batches;
        await using (var db = PortalDatabase.Open(file))
        {
            await DatabaseSetup.MigrateAsync(db, CancellationToken.None);
            var programmes = Programmes.Select((title, i) => new Programme
            {
                Slug = title.ToLowerInvariant().Replace(' ', '-'),
                Title = $"Pelatihan {title}",
                Summary = $"Pelatihan {title.ToLowerInvariant()} bagi pencari kerja Kota Serang.",
                SortOrder = i,
            }).ToList();
            db.Programmes.AddRange(programmes);
            foreach (var (programme, p) in programmes.Select((programme, p) => (programme, p)))
            {
                for (var year = FirstYear; year <= lastYear; year++)
                {
                    foreach (var funding in Enum.GetValues<FundingSource>())
                    {
                        for (var wave = 1; wave <= WavesPerYear; wave++)
                        {
                            var starts = new DateOnly(year, 2 + (wave - 1) * 5 + p % 3, 10);
                            programme.Batches.Add(new Batch
                            {
                                Key = FormattableString.Invariant($"{programme.Slug}-{funding.Code().ToLowerInvariant()}-{year}-{wave}"),
                                Name = FormattableString.Invariant($"Gelombang {wave} {funding.Code()} {year}"),
                                Funding = funding,
                                Provider = "LPK Contoh",
                                Location = "Kota Serang",
                                Seats = 16 + random.Next(3) * 4,
                                RegistrationOpensAtUtc = starts.AddDays(-40).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                                RegistrationClosesAtUtc = starts.AddDays(-14).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                                TrainingStartsOn = starts,
                                TrainingEndsOn = starts.AddDays(20),
                                ResidentsOnly = funding == FundingSource.Apbd,
                            });
                        }
                    }
                }
            }

            await db.SaveChangesAsync();
            batches = await db.Batches.AsNoTracking().OrderBy(b => b.Id).ToListAsync();
        }

        var historyRows = await InsertApplicationsAsync(file, batches, applications, random);
        return new Seeded(Programmes.Length, batches.Count, applications, historyRows, lastYear);
    }

    private static async Task<int> InsertApplicationsAsync(string file, List<Batch> batches, int count, Random random)
    {
        await using var db = PortalDatabase.Open(file);
        var application = Table(db, typeof(Application));
        var history = Table(db, typeof(ApplicationStatusChange));

        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        using var insertApplication = Insert(connection, transaction, application,
            nameof(Application.Id), nameof(Application.BatchId), nameof(Application.Status), nameof(Application.ConsentTextVersion),
            nameof(Application.ConsentedAtUtc), nameof(Application.GuardianConsent), nameof(Application.Kecamatan), nameof(Application.Education),
            nameof(Application.Gender), nameof(Application.AgeAtStart), nameof(Application.CreatedAtUtc), nameof(Application.RegistrationNumber));
        using var insertChange = Insert(connection, transaction, history,
            nameof(ApplicationStatusChange.ApplicationId), nameof(ApplicationStatusChange.From), nameof(ApplicationStatusChange.To), nameof(ApplicationStatusChange.AtUtc));

        // Each batch gets its share; within it, the seats are taken first, as operators decide.
        var perBatch = count / batches.Count;
        var historyRows = 0;
        var id = 0;
        foreach (var (batch, index) in batches.Select((batch, index) => (batch, index)))
        {
            var inBatch = perBatch + (index < count % batches.Count ? 1 : 0);
            var accepted = 0;
            for (var i = 0; i < inBatch; i++)
            {
                id++;
                var path = StatusPath(random, ref accepted, batch.Seats);
                var createdAt = batch.RegistrationOpensAtUtc.AddMinutes(random.Next(26 * 24 * 60));
                // Enums by name, as the portal stores them (PortalDbContext's conventions): a number would
                // read back as the enum but never equal it in a query or a concurrency check.
                var values = new object?[]
                {
                    id, batch.Id, path[^1].ToString(), "2025-1", createdAt, false,
                    Kecamatans[Skewed(random, Kecamatans.Length)].ToString(), Educations[2 + Skewed(random, Educations.Length - 2)].ToString(),
                    (random.Next(100) < 55 ? Gender.Female : Gender.Male).ToString(), 18 + Skewed(random, 30), createdAt,
                    RegistrationNumbers.Format(Wib.DateOf(createdAt).Year, id),
                };
                Execute(insertApplication, values);

                var at = createdAt;
                ApplicationStatus? from = null;
                foreach (var to in path)
                {
                    Execute(insertChange, [id, from?.ToString(), to.ToString(), at]);
                    historyRows++;
                    from = to;
                    at = at.AddHours(12 + random.Next(24 * 20));
                }
            }
        }

        await transaction.CommitAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        await analyze.ExecuteNonQueryAsync();
        return historyRows;
    }

    /// <summary>
    /// The statuses one application went through, its current one last: 5 % withdrawn, the seats
    /// filled by the first verified ones (of whom 85 % finish and half of those are placed), a few
    /// in reserve, the rest turned down.
    /// </summary>
    private static ApplicationStatus[] StatusPath(Random random, ref int accepted, int seats)
    {
        if (random.Next(100) < 5)
        {
            return [ApplicationStatus.Diajukan, ApplicationStatus.Dibatalkan];
        }

        if (random.Next(100) < 30)
        {
            return [ApplicationStatus.Diajukan, ApplicationStatus.Ditolak];
        }

        if (accepted < seats)
        {
            accepted++;
            var roll = random.Next(100);
            return roll < 43
                ? [ApplicationStatus.Diajukan, ApplicationStatus.Diverifikasi, ApplicationStatus.Diterima, ApplicationStatus.Selesai, ApplicationStatus.Ditempatkan]
                : roll < 85
                    ? [ApplicationStatus.Diajukan, ApplicationStatus.Diverifikasi, ApplicationStatus.Diterima, ApplicationStatus.Selesai]
                    : [ApplicationStatus.Diajukan, ApplicationStatus.Diverifikasi, ApplicationStatus.Diterima];
        }

        return random.Next(100) < 10
            ? [ApplicationStatus.Diajukan, ApplicationStatus.Diverifikasi, ApplicationStatus.Cadangan]
            : [ApplicationStatus.Diajukan, ApplicationStatus.Diverifikasi, ApplicationStatus.Ditolak];
    }

    /// <summary>Small values more often than large ones (most applicants are young; some kecamatan send more).</summary>
    private static int Skewed(Random random, int count) => Math.Min(count - 1, (int)(count * Math.Pow(random.NextDouble(), 1.6)));

    private sealed record TableNames(string Name, Dictionary<string, string> Columns);

    private static TableNames Table(PortalDbContext db, Type type)
    {
        var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return new TableNames(table.Name, entity.GetProperties().ToDictionary(p => p.Name, p => p.GetColumnName(table)!, StringComparer.Ordinal));
    }

    private static SqliteCommand Insert(SqliteConnection connection, SqliteTransaction transaction, TableNames table, params string[] properties)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var columns = string.Join(", ", properties.Select(p => $"\"{table.Columns[p]}\""));
        var parameters = string.Join(", ", properties.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)));
        command.CommandText = $"INSERT INTO \"{table.Name}\" ({columns}) VALUES ({parameters})";
        for (var i = 0; i < properties.Length; i++)
        {
            command.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), null));
        }

        command.Prepare();
        return command;
    }

    private static void Execute(SqliteCommand command, object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }
}
