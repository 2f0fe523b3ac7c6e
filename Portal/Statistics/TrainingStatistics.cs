using System.Globalization;
using Portal.Accounts;
using Portal.Training;

namespace Portal.Statistics;

/// <summary>
/// The figures of /statistik and /admin/statistik. Applications are counted by the database
/// (GROUP BY … COUNT), never loaded; batches (a few hundred at most) and their recorded outcomes
/// are loaded and added. What is left out: withdrawn applications (Dibatalkan), demo batches
/// (examples, not training held), and the applications of a batch that carries a recorded
/// outcome (its figures are the office's, so no one is counted twice). Applications of deleted
/// accounts are anonymised, not removed, and keep their snapshot: they are counted.
/// A batch's year is the year its training starts.
/// </summary>
public sealed class TrainingStatistics(PortalDbContext db, StatisticsCache cache, IOptions<StatisticsOptions> options, TimeProvider clock)
{
    public const string FundingTable = "sumber-dana";
    public const string ProgrammeTable = "program";
    public const string BatchTable = "gelombang";
    public const string YearTable = "tahunan";
    public const string KecamatanTable = "kecamatan";
    public const string KecamatanGenderTable = "kecamatan-jenis-kelamin";
    public const string KecamatanFundingTable = "kecamatan-sumber-dana";
    public const string GenderTable = "jenis-kelamin";
    public const string AgeTable = "usia";
    public const string EducationTable = "pendidikan";

    /// <summary>Upper bounds (exclusive) of the age bands, on the first training day; the last band is open.</summary>
    private static readonly (int Below, string Label)[] AgeBands =
        [(20, "Di bawah 20 tahun"), (25, "20–24 tahun"), (30, "25–29 tahun"), (35, "30–34 tahun"), (int.MaxValue, "35 tahun ke atas")];

    private const string RecordedMark = " (dicatat kantor)";

    /// <summary>The quantity each outcome column counts, named as the tables of people name it (accepted = participants).</summary>
    private static readonly Dictionary<string, string> Measures = new()
    {
        ["pendaftar"] = "pendaftar",
        ["diterima"] = "peserta",
        ["selesai"] = "selesai",
        ["ditempatkan"] = "ditempatkan",
    };

    /// <summary>The name of a quantity for <see cref="StatisticsTable.Link"/>: a measure, for everyone ("*") or one group.</summary>
    private static string Quantity(string measure, string? dimension, string? value) =>
        value is null ? $"{measure}|*" : $"{measure}|{dimension}={value}";

    public int CurrentYear => Wib.Today(clock).Year;

    /// <summary>Years anyone may ask for: from the configured first year to next year (batches are announced ahead).</summary>
    public bool IsKnownYear(int year) => year >= options.Value.FirstYear && year <= CurrentYear + 1;

    public async Task<StatisticsVersion> VersionAsync(CancellationToken cancellationToken)
    {
        var application = await db.ApplicationStatusChanges.OrderByDescending(c => c.Id)
            .Select(c => new { c.Id, c.AtUtc }).FirstOrDefaultAsync(cancellationToken);
        var data = await db.SearchChanges.OrderByDescending(c => c.Id)
            .Select(c => new { c.Id, c.ChangedAtUtc }).FirstOrDefaultAsync(cancellationToken);
        var newest = new[] { application?.AtUtc ?? DateTime.UnixEpoch, data?.ChangedAtUtc ?? DateTime.UnixEpoch }.Max();

        // HTTP dates have whole seconds: a Last-Modified with ticks would never equal If-Modified-Since.
        var seconds = DateTime.SpecifyKind(new DateTime(newest.Ticks - (newest.Ticks % TimeSpan.TicksPerSecond)), DateTimeKind.Utc);
        return new StatisticsVersion(application?.Id ?? 0, data?.Id ?? 0, seconds);
    }

    /// <summary>
    /// The report for a filter, suppressed (public) or not (staff); null when the year is out of
    /// range or the programme does not exist.
    /// </summary>
    public async Task<StatisticsReport?> ReportAsync(StatisticsFilter filter, bool suppressed, CancellationToken cancellationToken)
    {
        if (!IsKnownYear(filter.Year))
        {
            return null;
        }

        var version = await VersionAsync(cancellationToken);
        return await cache.GetOrComputeAsync(filter, suppressed, version,
            () => ComputeAsync(filter, suppressed ? options.Value.SuppressionThreshold : null, version, cancellationToken), cancellationToken);
    }

    private sealed record BatchFacts(int Id, string Name, string ProgrammeSlug, string Programme, int ProgrammeOrder, FundingSource Funding, int Seats, DateOnly StartsOn, RecordedOutcome? Recorded)
    {
        public bool Matches(StatisticsFilter filter) =>
            (filter.Programme is null || filter.Programme == ProgrammeSlug) && (filter.Funding is null || filter.Funding == Funding);
    }

    /// <summary>
    /// The key of the sum of the batches of one programme and/or one funding source in the batch
    /// table (<see cref="StatisticsTable.Groups"/>); null for all batches (its total row).
    /// </summary>
    private static string? GroupKey(string? programme, FundingSource? funding) =>
        programme is null && funding is null ? null : $"{programme}|{funding?.Code()}";

    /// <summary>
    /// What the public pages with a programme or funding source chosen leave out: a table of
    /// people counted again for a part of the year would let a reader subtract it from the whole
    /// year's and find one person in the difference.
    /// </summary>
    public const string NarrowedNotice =
        "Rincian pendaftar menurut kecamatan, jenis kelamin, usia dan pendidikan, serta perkembangan antartahun, hanya diterbitkan untuk semua program dan sumber dana sekaligus: bila dirinci lagi per pilihan, selisih dua pilihan dapat membuka angka kecil tentang seseorang.";

    private async Task<StatisticsReport?> ComputeAsync(StatisticsFilter filter, int? threshold, StatisticsVersion version, CancellationToken cancellationToken)
    {
        var programmes = await db.Programmes.AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.Title)
            .Select(p => new ProgrammeChoice(p.Slug, p.Title)).ToListAsync(cancellationToken);
        if (filter.Programme is { } slug && programmes.All(p => p.Slug != slug))
        {
            return null;
        }

        // The outcome tables are always computed for the whole year and suppressed as one; a chosen
        // programme or funding source only picks rows and sums out of them (Narrowed), so every
        // figure of every view comes from the one suppression and no two views can be set against
        // each other.
        var narrowed = filter.Programme is not null || filter.Funding is not null;
        var applications = db.Applications.Where(a => a.Status != ApplicationStatus.Dibatalkan && !a.Batch!.IsDemo && a.Batch.RecordedOutcome == null);
        var batches = await db.Batches.AsNoTracking().Where(b => !b.IsDemo)
            .Select(b => new BatchFacts(b.Id, b.Name, b.Programme!.Slug, b.Programme.Title, b.Programme.SortOrder, b.Funding, b.Seats, b.TrainingStartsOn, b.RecordedOutcome))
            .ToListAsync(cancellationToken);
        var counted = (await applications.GroupBy(a => new { a.BatchId, a.Status })
                .Select(g => new { g.Key.BatchId, g.Key.Status, Count = g.LongCount() })
                .ToListAsync(cancellationToken))
            .GroupBy(g => g.BatchId)
            .ToDictionary(g => g.Key, g => g.Aggregate(default(Outcome), (sum, s) => sum + Outcome.Of(s.Status, s.Count)));
        Outcome OutcomeOf(BatchFacts batch) =>
            batch.Recorded is { } recorded ? Outcome.Of(recorded) : counted.GetValueOrDefault(batch.Id);

        var from = new DateOnly(filter.Year, 1, 1);
        var to = from.AddYears(1);
        var yearBatches = batches.Where(b => b.StartsOn >= from && b.StartsOn < to)
            .OrderBy(b => b.StartsOn).ThenBy(b => b.ProgrammeOrder).ThenBy(b => b.Name).ToList();
        var recorded = yearBatches.Where(b => b.Recorded is not null).ToList();
        var fundings = Enum.GetValues<FundingSource>();

        // With recorded batches in the year the outcome tables count more people than the tables
        // of people (which count applications only): their quantities are then another set.
        var scope = recorded.Count > 0 ? "semua:" : string.Empty;
        var fundingTable = OutcomeTable(FundingTable, "Pelatihan menurut sumber dana", "Sumber dana", (row, measure) => Quantity(scope + measure, "dana", row));
        foreach (var source in fundings)
        {
            var group = yearBatches.Where(b => b.Funding == source).ToList();
            fundingTable.AddRow(OutcomeRow(source.Code(), group, OutcomeOf));
        }

        var programmeTable = OutcomeTable(ProgrammeTable, "Pelatihan menurut program", "Program", (row, measure) => Quantity(scope + measure, "program", row));
        foreach (var group in yearBatches.GroupBy(b => b.ProgrammeSlug).OrderBy(g => g.First().ProgrammeOrder).ThenBy(g => g.First().Programme))
        {
            programmeTable.AddRow(OutcomeRow(group.First().Programme, [.. group], OutcomeOf));
        }

        var batchTable = OutcomeTable(BatchTable, "Pelatihan menurut gelombang", "Gelombang", (row, measure) => Quantity(scope + measure, "gelombang", row));
        foreach (var batch in yearBatches)
        {
            batchTable.AddRow(OutcomeRow($"{batch.Programme} – {batch.Name}{(batch.Recorded is null ? string.Empty : RecordedMark)}", [batch], OutcomeOf));
        }

        // The funding and programme rows are sums of batch rows, and so are the totals of the
        // narrowed views: suppressed with the batches, a hidden batch cannot be had by subtraction.
        void AddGroup(string? programme, FundingSource? funding, Func<string, string?> quantity)
        {
            var rows = yearBatches.Select((b, i) => (b, i)).Where(x => (programme is null || x.b.ProgrammeSlug == programme) && (funding is null || x.b.Funding == funding))
                .Select(x => x.i).ToList();
            if (rows.Count > 0)
            {
                batchTable.Groups.Add(new StatisticsRowGroup(GroupKey(programme, funding)!, rows,
                    column => Measures.GetValueOrDefault(column.Key) is { } measure ? quantity(measure) : null));
            }
        }

        foreach (var source in fundings)
        {
            AddGroup(null, source, measure => Quantity(scope + measure, "dana", source.Code()));
        }

        foreach (var batch in yearBatches.DistinctBy(b => b.ProgrammeSlug))
        {
            AddGroup(batch.ProgrammeSlug, null, measure => Quantity(scope + measure, "program", batch.Programme));
            foreach (var source in fundings)
            {
                AddGroup(batch.ProgrammeSlug, source, _ => null);
            }
        }

        var tables = new List<StatisticsTable> { fundingTable, programmeTable, batchTable };
        var years = batches.GroupBy(b => b.StartsOn.Year).OrderBy(g => g.Key).ToList();
        if (!narrowed && years.Count(g => g.Any(b => OutcomeOf(b).Applicants > 0)) > 1)
        {
            var year = filter.Year.ToString(CultureInfo.InvariantCulture);
            var yearTable = OutcomeTable(YearTable, "Perkembangan dari tahun ke tahun", "Tahun",
                (row, measure) => Quantity(scope + measure, "tahun", row == year ? null : row), StatisticsTable.LineChart, totalRow: false);
            foreach (var group in years)
            {
                yearTable.AddRow(OutcomeRow(group.Key.ToString(CultureInfo.InvariantCulture), [.. group], OutcomeOf));
            }

            tables.Add(yearTable);
        }

        // Staff see every figure, so their narrowed views may count people again for the choice.
        var peopleShown = !narrowed || threshold is null;
        var recordedShown = recorded.Where(b => b.Matches(filter)).ToList();
        if (peopleShown)
        {
            if (filter.Programme is { } programme)
            {
                applications = applications.Where(a => a.Batch!.Programme!.Slug == programme);
            }

            if (filter.Funding is { } funding)
            {
                applications = applications.Where(a => a.Batch!.Funding == funding);
            }

            tables.AddRange(await PeopleTablesAsync(applications.Where(a => a.Batch!.TrainingStartsOn >= from && a.Batch.TrainingStartsOn < to), recordedShown, filter, cancellationToken));
        }

        var published = StatisticsTable.PublishLinked(tables, threshold);
        return new StatisticsReport(
            filter,
            threshold,
            narrowed ? Narrowed(published, filter, yearBatches, fundings) : published,
            [.. recordedShown.Select(b => $"{b.Programme} – {b.Name}")],
            [.. Enumerable.Range(options.Value.FirstYear, CurrentYear + 2 - options.Value.FirstYear).Where(y => y == CurrentYear || y == filter.Year || years.Any(g => g.Key == y)).Reverse()],
            programmes,
            version.LastModifiedUtc,
            Wib.UtcNow(clock))
        {
            Notice = peopleShown ? null : NarrowedNotice,
        };
    }

    private static async Task<List<StatisticsTable>> PeopleTablesAsync(IQueryable<Application> inYear, List<BatchFacts> recorded, StatisticsFilter filter, CancellationToken cancellationToken)
    {
        var people = await inYear.GroupBy(a => new { a.Batch!.Funding, a.Kecamatan, a.Gender, a.Status })
            .Select(g => new PersonCount(g.Key.Funding, g.Key.Kecamatan, g.Key.Gender, g.Key.Status, g.LongCount()))
            .ToListAsync(cancellationToken);
        var ages = await inYear.GroupBy(a => new { a.AgeAtStart, a.Status })
            .Select(g => new { g.Key.AgeAtStart, g.Key.Status, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var educations = await inYear.GroupBy(a => new { a.Education, a.Status })
            .Select(g => new { g.Key.Education, g.Key.Status, Count = g.LongCount() })
            .ToListAsync(cancellationToken);

        var tables = PeopleTables(people, recorded, filter).ToList();
        tables.Add(BandTable(AgeTable, "Pendaftar dan peserta menurut usia", "Kelompok usia (hari pertama pelatihan)",
            AgeBands.Select(b => b.Label), ages.Select(a => (Band: Array.FindIndex(AgeBands, b => a.AgeAtStart < b.Below), a.Status, a.Count)), recorded, "usia"));
        var levels = Enum.GetValues<EducationLevel>();
        tables.Add(BandTable(EducationTable, "Pendaftar dan peserta menurut pendidikan terakhir", "Pendidikan terakhir",
            levels.Select(l => l.Label()), educations.Select(e => (Band: Array.IndexOf(levels, e.Education), e.Status, e.Count)), recorded, "pendidikan"));
        return tables;
    }

    /// <summary>
    /// The outcome tables of a chosen programme and/or funding source, cut out of the whole year's
    /// published tables: the batches that match, and as funding, programme and total rows the sums
    /// the batch table published with them (<see cref="StatisticsTable.Groups"/>).
    /// </summary>
    private static List<PublishedTable> Narrowed(List<PublishedTable> published, StatisticsFilter filter, List<BatchFacts> yearBatches, FundingSource[] fundings)
    {
        var batchTable = published.Single(t => t.Key == BatchTable);
        PublishedRow? Sum(string? programme, FundingSource? funding, string label) =>
            GroupKey(programme, funding) is { } key
                ? batchTable.Groups.TryGetValue(key, out var row) ? row with { Label = label } : null
                : batchTable.Total;
        var total = Sum(filter.Programme, filter.Funding, StatisticsTable.TotalLabel) ?? EmptyRow(batchTable.Columns, StatisticsTable.TotalLabel);

        var result = new List<PublishedTable>();
        foreach (var table in published)
        {
            var rows = table.Key switch
            {
                FundingTable => fundings.Where(f => filter.Funding is null || filter.Funding == f)
                    .Select(f => Sum(filter.Programme, f, f.Code()) ?? EmptyRow(table.Columns, f.Code())).ToList(),
                ProgrammeTable => yearBatches.Where(b => filter.Programme is null || b.ProgrammeSlug == filter.Programme)
                    .OrderBy(b => b.ProgrammeOrder).ThenBy(b => b.Programme).DistinctBy(b => b.ProgrammeSlug)
                    .Select(b => Sum(b.ProgrammeSlug, filter.Funding, b.Programme)).OfType<PublishedRow>().ToList(),
                BatchTable => [.. batchTable.Rows.Where((_, i) => yearBatches[i].Matches(filter))],
                _ => null,
            };
            result.Add(rows is null ? table : table with { Rows = rows, Total = total, Groups = new Dictionary<string, PublishedRow>() });
        }

        return result;
    }

    /// <summary>A row of no batches: zero counts, no rates.</summary>
    private static PublishedRow EmptyRow(IReadOnlyList<StatisticsColumn> columns, string label) =>
        new(label, [.. columns.Select(c => new PublishedCell(c.Kind == ColumnKind.Rate ? null : 0))], Recorded: false);

    private sealed record PersonCount(FundingSource Funding, Kecamatan Kecamatan, Gender Gender, ApplicationStatus Status, long Count);

    /// <summary>Columns of every outcome table: batches, seats, the funnel, and the rates between its steps.</summary>
    private static StatisticsTable OutcomeTable(
        string key, string title, string labelHeader, Func<string?, string, string?> link, string chart = StatisticsTable.BarChart, bool totalRow = true) => new()
        {
            Link = (row, column) => Measures.GetValueOrDefault(column.Key) is { } measure ? link(row, measure) : null,
            Key = key,
            Title = title,
            LabelHeader = labelHeader,
            Chart = chart,
            HasTotalRow = totalRow,
            Columns =
        [
            StatisticsColumn.Count("gelombang", "Gelombang", personal: false),
            StatisticsColumn.Count("kursi", "Kursi", personal: false),
            StatisticsColumn.Series("pendaftar", "Pendaftar"),
            StatisticsColumn.Series("diterima", "Diterima"),
            StatisticsColumn.Series("selesai", "Selesai"),
            StatisticsColumn.Series("ditempatkan", "Ditempatkan"),
            StatisticsColumn.Rate("tingkat-penerimaan", "Diterima dari pendaftar", 3, 2),
            StatisticsColumn.Rate("tingkat-kelulusan", "Selesai dari diterima", 4, 3),
            StatisticsColumn.Rate("tingkat-penempatan", "Ditempatkan dari selesai", 5, 4),
        ],
            Nested = [(3, 2), (4, 3), (5, 4)],
        };

    private static StatisticsRow OutcomeRow(string label, List<BatchFacts> batches, Func<BatchFacts, Outcome> outcomeOf)
    {
        var outcome = batches.Aggregate(default(Outcome), (sum, b) => sum + outcomeOf(b));
        return new StatisticsRow(label,
            [batches.Count, batches.Sum(b => (long)b.Seats), outcome.Applicants, outcome.Accepted, outcome.Completed, outcome.Placed])
        {
            Recorded = batches.Any(b => b.Recorded is not null),
        };
    }

    /// <summary>Columns of a table of people by one dimension: applicants and participants, and the office's recorded participants when there are any.</summary>
    private static StatisticsTable PeopleTable(string key, string title, string labelHeader, string dimension, bool withRecorded) => new()
    {
        Link = (row, column) => column.Key is "pendaftar" or "peserta" ? Quantity(column.Key, dimension, row) : null,
        Key = key,
        Title = title,
        LabelHeader = labelHeader,
        Columns = withRecorded
            ? [StatisticsColumn.Series("pendaftar", "Pendaftar"), StatisticsColumn.Series("peserta", "Peserta"), StatisticsColumn.Series("peserta-dicatat", "Peserta (dicatat kantor)")]
            : [StatisticsColumn.Series("pendaftar", "Pendaftar"), StatisticsColumn.Series("peserta", "Peserta")],
        Nested = [(1, 0)],
    };

    private static IEnumerable<StatisticsTable> PeopleTables(List<PersonCount> people, List<BatchFacts> recorded, StatisticsFilter filter)
    {
        var kecamatans = Enum.GetValues<Kecamatan>();
        var genders = Enum.GetValues<Gender>();
        yield return ByDimension(KecamatanTable, "Pendaftar dan peserta menurut kecamatan tempat tinggal", "Kecamatan", people, p => p.Kecamatan,
            recorded, o => o.ParticipantsByKecamatan.Select(k => (k.Kecamatan, k.Participants)), k => k.Label());
        yield return ByDimension(GenderTable, "Pendaftar dan peserta menurut jenis kelamin", "Jenis kelamin", people, p => p.Gender,
            recorded, o => o.ParticipantsByGender.Select(g => (g.Gender, g.Participants)), g => g.Label());

        // Two personal dimensions at most: kecamatan × gender, applicants only.
        var kecamatanGender = new StatisticsTable
        {
            Key = KecamatanGenderTable,
            Title = "Pendaftar menurut kecamatan dan jenis kelamin",
            LabelHeader = "Kecamatan",
            Link = KecamatanCrossLink(GenderTable),
            Columns = [.. genders.Select(g => StatisticsColumn.Series(g == Gender.Female ? "perempuan" : "laki-laki", g.Label())), StatisticsColumn.RowTotal()],
        };
        foreach (var kecamatan in kecamatans)
        {
            kecamatanGender.AddRow(kecamatan.Label(), [.. genders.Select(g => people.Where(p => p.Kecamatan == kecamatan && p.Gender == g).Sum(p => p.Count))]);
        }

        yield return kecamatanGender;

        if (filter.Funding is null)
        {
            var fundings = Enum.GetValues<FundingSource>();
            var kecamatanFunding = new StatisticsTable
            {
                Key = KecamatanFundingTable,
                Title = "Pendaftar menurut kecamatan dan sumber dana",
                LabelHeader = "Kecamatan",
                Link = KecamatanCrossLink("dana"),
                Columns = [.. fundings.Select(f => StatisticsColumn.Series(f.Code().ToLowerInvariant(), f.Code())), StatisticsColumn.RowTotal()],
            };
            foreach (var kecamatan in kecamatans)
            {
                kecamatanFunding.AddRow(kecamatan.Label(), [.. fundings.Select(f => people.Where(p => p.Kecamatan == kecamatan && p.Funding == f).Sum(p => p.Count))]);
            }

            yield return kecamatanFunding;
        }
    }

    /// <summary>
    /// The quantities a kecamatan × (gender or funding) table shares with the others: its
    /// "Jumlah" column is the kecamatan table's applicants, its total row the applicants by gender
    /// (or funding), its corner everyone.
    /// </summary>
    private static Func<string?, StatisticsColumn, string?> KecamatanCrossLink(string columnDimension) => (row, column) =>
        column.SumsSeries ? Quantity("pendaftar", KecamatanTable, row)
        : row is null ? Quantity("pendaftar", columnDimension, column.Title)
        : null;

    /// <summary>
    /// Applicants and participants by one personal dimension, with the office's recorded
    /// participants where it broke them down; those it did not get a row of their own, so the
    /// column still adds up to the recorded participants.
    /// </summary>
    private static StatisticsTable ByDimension<T>(
        string key, string title, string labelHeader, List<PersonCount> people, Func<PersonCount, T> dimension,
        List<BatchFacts> recorded, Func<RecordedOutcome, IEnumerable<(T Value, int Participants)>> recordedBreakdown, Func<T, string> label)
        where T : struct, Enum
    {
        var table = PeopleTable(key, title, labelHeader, key, recorded.Count > 0);
        var known = recorded.SelectMany(b => recordedBreakdown(b.Recorded!)).ToList();
        foreach (var value in Enum.GetValues<T>())
        {
            var rows = people.Where(p => dimension(p).Equals(value)).ToList();
            table.AddRow(label(value), rows.Sum(p => p.Count), rows.Where(p => p.Status.HoldsASeat()).Sum(p => p.Count),
                known.Where(k => k.Value.Equals(value)).Sum(k => (long)k.Participants));
        }

        var unknown = recorded.Sum(b => (long)b.Recorded!.Participants) - known.Sum(k => (long)k.Participants);
        if (unknown > 0)
        {
            table.AddRow("Tidak dirinci (dicatat kantor)", 0, 0, unknown);
        }

        return table;
    }

    private static StatisticsTable BandTable(
        string key, string title, string labelHeader, IEnumerable<string> bands, IEnumerable<(int Band, ApplicationStatus Status, long Count)> counts, List<BatchFacts> recorded, string dimension)
    {
        var table = PeopleTable(key, title, labelHeader, key, withRecorded: false);
        var labels = bands.ToList();
        var list = counts.ToList();
        for (var band = 0; band < labels.Count; band++)
        {
            var rows = list.Where(c => c.Band == band).ToList();
            table.AddRow(labels[band], rows.Sum(c => c.Count), rows.Where(c => c.Status.HoldsASeat()).Sum(c => c.Count));
        }

        if (recorded.Count > 0)
        {
            table.Note = $"Peserta gelombang yang dicatat kantor tidak dirinci menurut {dimension}, sehingga tidak termasuk dalam tabel ini.";
        }

        return table;
    }
}
