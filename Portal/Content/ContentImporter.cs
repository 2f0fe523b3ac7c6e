using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.News;
using Portal.Shared;
using Portal.Training;

namespace Portal.Content;

public sealed record ContentProblem(string Path, string Reason);

public sealed class ContentImportReport
{
    public int Added { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    /// <summary>Files whose item staff have edited in the portal: the portal's version wins.</summary>
    public int KeptPortalVersion { get; set; }

    public List<ContentProblem> Skipped { get; } = [];

    /// <summary>Slugs of the articles and programmes written, for whoever follows changes.</summary>
    public List<string> ChangedArticleSlugs { get; } = [];

    public List<string> ChangedProgrammeSlugs { get; } = [];
}

/// <summary>
/// Imports content/programmes/*.md and content/news/*.md into the database, keyed by slug.
/// Idempotent: a file whose hash matches the stored one is not written again. A malformed file
/// is logged with its path and reason and skipped; the rest is imported.
/// </summary>
public sealed class ContentImporter(
    PortalDbContext db,
    MarkdownRenderer markdown,
    TimeProvider clock,
    IOptions<ContentOptions> options,
    IWebHostEnvironment environment,
    ILogger<ContentImporter> logger)
{
    /// <summary>Bump when the way files are turned into records changes, so every file is imported again.</summary>
    private const string FormatVersion = "2";

    private const string DefaultAuthor = "Humas Disnakertrans Kota Serang";

    /// <summary>Far above any body the renderer accepts (<see cref="MarkdownRenderer.MaxLength"/>); a larger file is not even read.</summary>
    private const long MaxFileBytes = 1024 * 1024;

    /// <summary>
    /// Files read, rendered and saved together: one transaction each, with the change tracker
    /// cleared after it, so a save never scans the entities of earlier chunks.
    /// </summary>
    private const int ChunkSize = 250;

    public string ContentFolder => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Path));

    public Task<ContentImportReport> ImportAsync(CancellationToken cancellationToken) => ImportAsync(null, cancellationToken);

    /// <summary>Imports everything; <paramref name="status"/>, when given, follows the files done.</summary>
    public async Task<ContentImportReport> ImportAsync(ContentImportStatus? status, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var report = new ContentImportReport();
        var programmeFiles = ListFolder("programmes");
        var newsFiles = ListFolder("news");
        status?.Start(programmeFiles.Count + newsFiles.Count);
        await ImportProgrammesAsync(programmeFiles, report, status, cancellationToken);
        await ImportNewsAsync(newsFiles, report, status, cancellationToken);

        foreach (var problem in report.Skipped)
        {
            logger.LogError("Content file {Path} skipped: {Reason}", problem.Path, problem.Reason);
        }

        logger.LogInformation(
            "Content import from {Folder}: {Added} added, {Updated} updated, {Unchanged} unchanged, {Kept} kept as edited in the portal, {Skipped} skipped, in {Elapsed} ms",
            ContentFolder, report.Added, report.Updated, report.Unchanged, report.KeptPortalVersion, report.Skipped.Count, watch.ElapsedMilliseconds);
        return report;
    }

    private async Task ImportProgrammesAsync(List<string> files, ContentImportReport report, ContentImportStatus? status, CancellationToken cancellationToken)
    {
        var today = Wib.Today(clock);
        // A handful of files: read whole, because a batch key may clash with any other file's.
        var parsed = ReadFiles(files, report, (path, slug, text) => ParseProgramme(path, slug, text, today), cancellationToken)
            .SelectMany(chunk => chunk).ToList();

        var otherBatchKeys = await db.Batches
            .Select(b => new { b.Key, ProgrammeSlug = b.Programme!.Slug })
            .ToDictionaryAsync(b => b.Key, b => b.ProgrammeSlug, cancellationToken);
        var keysInFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        var accepted = new List<ParsedProgramme>();
        foreach (var programme in parsed)
        {
            var clash = programme.Batches.Select(b => b.Key).FirstOrDefault(key =>
                keysInFiles.ContainsKey(key) || (otherBatchKeys.TryGetValue(key, out var owner) && owner != programme.Slug));
            if (clash is not null)
            {
                report.Skipped.Add(new ContentProblem(programme.Path, $"batch key '{clash}' is already used by another programme"));
                continue;
            }

            foreach (var batch in programme.Batches)
            {
                keysInFiles[batch.Key] = programme.Slug;
            }

            accepted.Add(programme);
        }

        var stored = await db.Programmes
            .Select(p => new StoredItem(p.Slug, p.ContentHash, p.Origin))
            .ToDictionaryAsync(p => p.Slug, cancellationToken);
        foreach (var chunk in accepted.Chunk(ChunkSize))
        {
            await WriteAsync(
                chunk,
                stored,
                slugs => db.Programmes.Include(p => p.Batches).Where(p => slugs.Contains(p.Slug)).ToDictionaryAsync(p => p.Slug, cancellationToken),
                (programme, body, entity) =>
                {
                    entity ??= db.Programmes.Add(new Programme { Slug = programme.Slug, Title = programme.Title, Summary = programme.Summary }).Entity;
                    Apply(programme, body, entity);
                    return entity;
                },
                report.ChangedProgrammeSlugs,
                report,
                beforeChunk: () => Task.CompletedTask,
                cancellationToken);
        }

        status?.Advance(files.Count);
    }

    private async Task ImportNewsAsync(List<string> newsFiles, ContentImportReport report, ContentImportStatus? status, CancellationToken cancellationToken)
    {
        var programmeIds = await db.Programmes.Select(p => new { p.Slug, p.Id }).ToDictionaryAsync(p => p.Slug, p => p.Id, cancellationToken);
        // Slug, hash and origin of every article, read once: an unchanged file costs no query.
        var stored = await db.Articles
            .Select(a => new StoredItem(a.Slug, a.ContentHash, a.Origin))
            .ToDictionaryAsync(a => a.Slug, cancellationToken);
        Dictionary<string, Topic>? topics = null;
        // An article whose slug staff changed in the portal is still the file's article (and of origin
        // Portal): the file's slug finds it through the redirect left behind.
        var moved = await db.ArticleSlugRedirects.Select(r => new { r.OldSlug, r.Article!.Slug })
            .ToListAsync(cancellationToken);
        var currentSlugs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var redirect in moved.Where(r => !stored.ContainsKey(r.OldSlug) && stored.ContainsKey(r.Slug)))
        {
            currentSlugs[redirect.OldSlug] = redirect.Slug;
            stored[redirect.OldSlug] = stored[redirect.Slug];
        }

        // Read, parsed and written a chunk at a time: memory holds one chunk of bodies, never the archive.
        var chunkFiles = 0;
        // A file whose text hashes to the stored hash is not even parsed: a start on an unchanged
        // archive reads and hashes each file and nothing more.
        var files = ReadFiles(
            newsFiles, report, (path, slug, text) => ParseArticle(path, slug, text, programmeIds), cancellationToken,
            unchanged: (slug, text) => stored.TryGetValue(slug, out var item) && item.ContentHash == Hash(text),
            chunkRead: count => chunkFiles = count);
        foreach (var chunk in files)
        {
            await WriteAsync(
                chunk,
                stored,
                async slugs =>
                {
                    var current = slugs.Select(s => currentSlugs.GetValueOrDefault(s, s)).ToList();
                    var entities = await db.Articles.Include(a => a.Topics).Where(a => current.Contains(a.Slug)).ToDictionaryAsync(a => a.Slug, cancellationToken);
                    return slugs.Where(s => entities.ContainsKey(currentSlugs.GetValueOrDefault(s, s)))
                        .ToDictionary(s => s, s => entities[currentSlugs.GetValueOrDefault(s, s)]);
                },
                (article, body, entity) =>
                {
                    entity ??= db.Articles.Add(new Article { Slug = article.Slug, Title = article.Title, Summary = article.Summary }).Entity;
                    Apply(article, body, entity, programmeIds, topics!);
                    return entity;
                },
                report.ChangedArticleSlugs,
                report,
                // Topics are shared by every chunk; after the tracker is cleared they are tracked
                // again (read anew, so that a topic of a refused save is not taken for a stored one).
                beforeChunk: async () => topics = await db.Topics.ToDictionaryAsync(t => t.Slug, cancellationToken),
                cancellationToken);
            status?.Advance(chunkFiles);
        }
    }

    /// <summary>
    /// Writes the files of one chunk whose hash differs from the stored one in one save (one
    /// transaction), then clears the change tracker so the next chunk starts empty. When the
    /// database refuses the chunk, its files are written again one save per file, so that a file
    /// the database refuses loses nothing else.
    /// </summary>
    private async Task WriteAsync<TParsed, TEntity>(
        IReadOnlyList<TParsed> items,
        Dictionary<string, StoredItem> stored,
        Func<List<string>, Task<Dictionary<string, TEntity>>> load,
        Func<TParsed, RenderedMarkdown, TEntity?, TEntity> upsert,
        List<string> changedSlugs,
        ContentImportReport report,
        Func<Task> beforeChunk,
        CancellationToken cancellationToken)
        where TParsed : ParsedFile
        where TEntity : class, IImportedContent
    {
        var work = new List<(TParsed Item, ImportOutcome Outcome)>();
        foreach (var item in items)
        {
            var outcome = Compare(stored.GetValueOrDefault(item.Slug), item.Hash, item.Path);
            if (outcome is ImportOutcome.Unchanged)
            {
                report.Unchanged++;
            }
            else
            {
                work.Add((item, outcome));
            }
        }

        if (work.Count == 0)
        {
            return;
        }

        // Rendered before anything is tracked, on every core (the renderer is a thread-safe
        // singleton): a body that cannot be shown skips its file alone.
        var bodies = new MarkdownResult?[work.Count];
        Parallel.For(0, work.Count, Parallelism(cancellationToken), i =>
        {
            if (work[i].Outcome is not ImportOutcome.KeepPortalVersion)
            {
                bodies[i] = markdown.Render(work[i].Item.Body);
            }
        });

        var writes = new List<(TParsed Item, ImportOutcome Outcome, RenderedMarkdown? Body)>();
        for (var i = 0; i < work.Count; i++)
        {
            if (bodies[i] is { Succeeded: false } failed)
            {
                report.Skipped.Add(new ContentProblem(work[i].Item.Path, $"the Markdown body cannot be rendered: {failed.Problem}"));
                continue;
            }

            writes.Add((work[i].Item, work[i].Outcome, bodies[i]?.Rendered));
        }

        await beforeChunk();
        var entities = await LoadAsync(writes.Where(w => w.Outcome is not ImportOutcome.Add).Select(w => w.Item.Slug).ToList(), load);
        foreach (var (item, _, body) in writes)
        {
            Write(item, body, entities.GetValueOrDefault(item.Slug), upsert);
        }

        if (await TrySaveAsync(cancellationToken) is null)
        {
            db.ChangeTracker.Clear();
            foreach (var (item, outcome, _) in writes)
            {
                Count(item, outcome, changedSlugs, report);
            }

            return;
        }

        // The whole chunk was rolled back: one save per file finds the file the database refuses.
        foreach (var (item, outcome, body) in writes)
        {
            await beforeChunk();
            var one = await LoadAsync(outcome is ImportOutcome.Add ? [] : [item.Slug], load);
            Write(item, body, one.GetValueOrDefault(item.Slug), upsert);
            if (await TrySaveAsync(cancellationToken) is { } refusal)
            {
                report.Skipped.Add(new ContentProblem(item.Path, $"the database refused it: {refusal}"));
                continue;
            }

            db.ChangeTracker.Clear();
            Count(item, outcome, changedSlugs, report);
        }
    }

    /// <summary>A chunk of new files (the whole first start) needs no query.</summary>
    private static async Task<Dictionary<string, TEntity>> LoadAsync<TEntity>(List<string> slugs, Func<List<string>, Task<Dictionary<string, TEntity>>> load) =>
        slugs.Count == 0 ? [] : await load(slugs);

    private static void Write<TParsed, TEntity>(TParsed item, RenderedMarkdown? body, TEntity? entity, Func<TParsed, RenderedMarkdown, TEntity?, TEntity> upsert)
        where TParsed : ParsedFile
        where TEntity : class, IImportedContent
    {
        if (body is null)
        {
            entity!.ContentHash = item.Hash;
        }
        else
        {
            upsert(item, body, entity);
        }
    }

    private static void Count(ParsedFile item, ImportOutcome outcome, List<string> changedSlugs, ContentImportReport report)
    {
        switch (outcome)
        {
            case ImportOutcome.Add:
                report.Added++;
                changedSlugs.Add(item.Slug);
                break;
            case ImportOutcome.Update:
                report.Updated++;
                changedSlugs.Add(item.Slug);
                break;
            case ImportOutcome.KeepPortalVersion:
                report.KeptPortalVersion++;
                break;
        }
    }

    private ImportOutcome Compare(StoredItem? stored, string hash, string path)
    {
        if (stored is null)
        {
            return ImportOutcome.Add;
        }

        if (stored.ContentHash == hash)
        {
            return ImportOutcome.Unchanged;
        }

        if (stored.Origin == ContentOrigin.Portal)
        {
            // Said once per change of the file: the new hash is stored, so the next start is silent.
            logger.LogInformation("Content file {Path} changed, but its item was edited in the portal; the portal's version is kept", path);
            return ImportOutcome.KeepPortalVersion;
        }

        return ImportOutcome.Update;
    }

    /// <summary>Null when saved; otherwise why the database refused it, with the tracker cleared (the transaction rolled back).</summary>
    private async Task<string?> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException e)
        {
            db.ChangeTracker.Clear();
            return e.InnerException?.Message ?? e.Message;
        }
    }

    private List<string> ListFolder(string name)
    {
        var folder = Path.Combine(ContentFolder, name);
        if (!Directory.Exists(folder))
        {
            logger.LogWarning("Content folder {Folder} does not exist; nothing imported from it", folder);
            return [];
        }

        return Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Reads and parses the files a chunk at a time, each chunk on every core, and yields what
    /// parsed. Problems and duplicate slugs are decided in file order, as if read one by one: the
    /// first file that parses keeps its slug. A file <paramref name="unchanged"/> recognises from
    /// its text is counted and not parsed. <paramref name="chunkRead"/> hears how many files each chunk held.
    /// </summary>
    private static IEnumerable<List<T>> ReadFiles<T>(
        List<string> paths, ContentImportReport report, Func<string, string, string, ContentResult<T>> parse,
        CancellationToken cancellationToken, Func<string, string, bool>? unchanged = null, Action<int>? chunkRead = null)
        where T : ParsedFile
    {
        // Slug to the index of its file: an archive's paths are held once, in the list.
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var offset = 0;
        foreach (var chunk in paths.Chunk(ChunkSize))
        {
            var results = new FileRead<T>[chunk.Length];
            Parallel.For(0, chunk.Length, Parallelism(cancellationToken), i => results[i] = ReadFile(chunk[i], parse, unchanged));

            var items = new List<T>(chunk.Length);
            for (var i = 0; i < chunk.Length; i++)
            {
                var (slug, result, isUnchanged) = results[i];
                if (slug.Length > 0 && seen.TryGetValue(slug, out var first))
                {
                    report.Skipped.Add(new ContentProblem(chunk[i], $"duplicate slug '{slug}': {Path.GetFileName(paths[first])} has it already"));
                    continue;
                }

                if (isUnchanged)
                {
                    seen[slug] = offset + i;
                    report.Unchanged++;
                    continue;
                }

                if (!result.Succeeded)
                {
                    report.Skipped.Add(new ContentProblem(chunk[i], result.Error!));
                    continue;
                }

                seen[slug] = offset + i;
                items.Add(result.Value!);
            }

            offset += chunk.Length;
            chunkRead?.Invoke(chunk.Length);
            yield return items;
        }
    }

    private static FileRead<T> ReadFile<T>(string path, Func<string, string, string, ContentResult<T>> parse, Func<string, string, bool>? unchanged)
    {
        var slug = Slugs.FromText(Path.GetFileNameWithoutExtension(path));
        if (slug.Length == 0)
        {
            return new(slug, ContentResult<T>.Fail("the file name gives no slug (use letters, digits and hyphens)"));
        }

        string text;
        try
        {
            if (new FileInfo(path).Length > MaxFileBytes)
            {
                return new(slug, ContentResult<T>.Fail($"the file is larger than {MaxFileBytes / 1024 / 1024} MB"));
            }

            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No read permission, or a name that is a directory (a link to one): a broken file, not a broken import.
            return new(slug, ContentResult<T>.Fail($"cannot be read: {e.Message}"));
        }

        if (unchanged?.Invoke(slug, text) == true)
        {
            return new(slug, default, Unchanged: true);
        }

        try
        {
            return new(slug, parse(path, slug, text));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // This runs inside Parallel.For, where an escaping exception would end the whole import.
            // The parsers report every known problem as a result; anything else still skips this file alone.
            return new(slug, ContentResult<T>.Fail($"cannot be parsed: {e.GetType().Name}: {e.Message}"));
        }
    }

    private static ParallelOptions Parallelism(CancellationToken cancellationToken) =>
        new() { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };

    private static ContentResult<ParsedArticle> ParseArticle(string path, string slug, string text, Dictionary<string, int> programmeIds)
    {
        var file = FrontMatter.Parse<NewsFrontMatter>(text);
        if (!file.Succeeded)
        {
            return ContentResult<ParsedArticle>.Fail(file.Error!);
        }

        var (header, body) = file.Value;
        var missing = Missing(("title", header.Title), ("summary", header.Summary), ("date", header.Date));
        if (missing is not null)
        {
            return ContentResult<ParsedArticle>.Fail(missing);
        }

        if (!ContentDates.TryParse(header.Date, default, allowRelative: false, out var date, out _, out var dateError))
        {
            return ContentResult<ParsedArticle>.Fail($"date {dateError}");
        }

        var tooLong = TooLong(("title", header.Title!, 200), ("summary", header.Summary!, 500));
        if (tooLong is not null)
        {
            return ContentResult<ParsedArticle>.Fail(tooLong);
        }

        if (header.Programme is { } programme && !programmeIds.ContainsKey(programme))
        {
            return ContentResult<ParsedArticle>.Fail($"programme '{programme}' has no file in content/programmes (or it was skipped)");
        }

        if (header.Cover is { } cover && !IsSiteLocalPath(cover))
        {
            return ContentResult<ParsedArticle>.Fail($"cover '{cover}' must be a path on this site such as /img/... or /unggahan/... (no scheme, '//', '\\' or '..')");
        }

        if (header.Cover is not null && string.IsNullOrWhiteSpace(header.CoverAlt))
        {
            return ContentResult<ParsedArticle>.Fail("cover_alt must describe the cover image");
        }

        var tags = (header.Tags ?? []).Select(t => t.Trim()).Where(t => Slugs.FromText(t).Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return ContentResult<ParsedArticle>.Ok(new ParsedArticle(path, slug, Hash(text), header.Title!.Trim(), header.Summary!.Trim(),
            Wib.ToUtc(date), tags, header.Programme, header.Cover, header.CoverAlt?.Trim(), header.Author?.Trim(), body));
    }

    private static ContentResult<ParsedProgramme> ParseProgramme(string path, string slug, string text, DateOnly today)
    {
        var file = FrontMatter.Parse<ProgrammeFrontMatter>(text);
        if (!file.Succeeded)
        {
            return ContentResult<ParsedProgramme>.Fail(file.Error!);
        }

        var (header, body) = file.Value;
        var problem = Missing(("title", header.Title), ("summary", header.Summary))
            ?? TooLong(("title", header.Title!, 200), ("summary", header.Summary!, 500));
        if (problem is not null)
        {
            return ContentResult<ParsedProgramme>.Fail(problem);
        }

        var batches = new List<ParsedBatch>();
        foreach (var (item, index) in (header.Batches ?? []).Select((b, i) => (b, i + 1)))
        {
            var batch = ParseBatch(item, today);
            if (!batch.Succeeded)
            {
                return ContentResult<ParsedProgramme>.Fail($"batch {index} ({item.Key ?? "no key"}): {batch.Error}");
            }

            if (batches.Any(b => b.Key == batch.Value!.Key))
            {
                return ContentResult<ParsedProgramme>.Fail($"batch key '{batch.Value!.Key}' appears twice");
            }

            batches.Add(batch.Value!);
        }

        // Demo batches move with the calendar, so the day of import is part of what was imported.
        var hashed = batches.Any(b => b.IsDemo) ? $"{text}\ntoday={today:yyyy-MM-dd}" : text;
        return ContentResult<ParsedProgramme>.Ok(new ParsedProgramme(path, slug, Hash(hashed), header.Title!.Trim(), header.Summary!.Trim(),
            header.Order ?? 0, body, batches));
    }

    private static ContentResult<ParsedBatch> ParseBatch(BatchFrontMatter b, DateOnly today)
    {
        var missing = Missing(("key", b.Key), ("name", b.Name), ("funding", b.Funding), ("provider", b.Provider), ("location", b.Location));
        if (missing is not null)
        {
            return ContentResult<ParsedBatch>.Fail(missing);
        }

        if (!Slugs.IsValid(b.Key))
        {
            return ContentResult<ParsedBatch>.Fail("key must be lower-case letters, digits and hyphens");
        }

        FundingSource? funding = b.Funding!.Trim().ToUpperInvariant() switch
        {
            "APBD" => FundingSource.Apbd,
            "APBN" => FundingSource.Apbn,
            _ => null,
        };
        if (funding is null)
        {
            return ContentResult<ParsedBatch>.Fail($"funding '{b.Funding}' must be APBD or APBN");
        }

        if (b.Seats is not > 0)
        {
            return ContentResult<ParsedBatch>.Fail("seats must be a number above 0");
        }

        if (b.RegistrationCap is <= 0)
        {
            return ContentResult<ParsedBatch>.Fail("registration_cap must be above 0 when given");
        }

        var demo = b.Demo ?? false;
        if (!ContentDates.TryParse(b.RegistrationOpens, today, demo, out var opens, out _, out var error))
        {
            return ContentResult<ParsedBatch>.Fail($"registration_opens {error}");
        }

        if (!ContentDates.TryParse(b.RegistrationCloses, today, demo, out var closes, out var closesHasTime, out error))
        {
            return ContentResult<ParsedBatch>.Fail($"registration_closes {error}");
        }

        if (!ContentDates.TryParse(b.TrainingStarts, today, demo, out var starts, out _, out error))
        {
            return ContentResult<ParsedBatch>.Fail($"training_starts {error}");
        }

        if (!ContentDates.TryParse(b.TrainingEnds, today, demo, out var ends, out _, out error))
        {
            return ContentResult<ParsedBatch>.Fail($"training_ends {error}");
        }

        var opensUtc = ContentDates.StartUtc(opens);
        var closesUtc = ContentDates.EndUtc(closes, closesHasTime);
        var rule = BatchRules.CheckDates(opensUtc, closesUtc, DateOnly.FromDateTime(starts), DateOnly.FromDateTime(ends))
            ?? BatchRules.CheckAges(b.MinAge, b.MaxAge);
        if (rule is not null)
        {
            return ContentResult<ParsedBatch>.Fail(rule);
        }

        EducationLevel? education = null;
        if (b.MinEducation is not null)
        {
            if (!EducationLevels.TryParse(b.MinEducation, out var level))
            {
                return ContentResult<ParsedBatch>.Fail($"min_education '{b.MinEducation}' must be one of SD, SMP, SMA/SMK, D1, D2, D3, D4, S1, S2");
            }

            education = level;
        }

        return ContentResult<ParsedBatch>.Ok(new ParsedBatch(
            b.Key!, b.Name!.Trim(), funding.Value, b.Provider!.Trim(), b.Location!.Trim(), b.Seats.Value, b.RegistrationCap,
            opensUtc, closesUtc, DateOnly.FromDateTime(starts), DateOnly.FromDateTime(ends),
            b.MinAge, b.MaxAge, education, b.ResidentsOnly ?? funding == FundingSource.Apbd, demo));
    }

    private void Apply(ParsedProgramme source, RenderedMarkdown rendered, Programme entity)
    {
        entity.Title = source.Title;
        entity.Summary = source.Summary;
        entity.SortOrder = source.Order;
        entity.DescriptionMarkdown = source.Body;
        entity.DescriptionHtml = rendered.Html;
        entity.Origin = ContentOrigin.ContentFile;
        entity.ContentHash = source.Hash;

        var includeDemo = options.Value.IncludeDemoBatches;
        foreach (var batch in source.Batches.Where(b => includeDemo || !b.IsDemo))
        {
            var target = entity.Batches.FirstOrDefault(x => x.Key == batch.Key);
            if (target is null)
            {
                target = new Batch { Key = batch.Key, Name = batch.Name, Provider = batch.Provider, Location = batch.Location };
                entity.Batches.Add(target);
            }

            if (target.Origin == ContentOrigin.Portal)
            {
                continue;
            }

            target.Name = batch.Name;
            target.Funding = batch.Funding;
            target.Provider = batch.Provider;
            target.Location = batch.Location;
            if (batch.Seats >= target.AcceptedCount)
            {
                target.Seats = batch.Seats;
            }
            else
            {
                // Acceptance never exceeds the seats: a file may not take back places already given.
                logger.LogWarning("Batch {Key}: the file gives {Seats} seats but {Accepted} applicants are accepted; seats left at {Current}",
                    batch.Key, batch.Seats, target.AcceptedCount, target.Seats);
            }

            target.RegistrationCap = batch.RegistrationCap;
            target.RegistrationOpensAtUtc = batch.OpensUtc;
            target.RegistrationClosesAtUtc = batch.ClosesUtc;
            target.TrainingStartsOn = batch.Starts;
            target.TrainingEndsOn = batch.Ends;
            target.MinAge = batch.MinAge;
            target.MaxAge = batch.MaxAge;
            target.MinEducation = batch.MinEducation;
            target.ResidentsOnly = batch.ResidentsOnly;
            target.IsDemo = batch.IsDemo;
            target.Origin = ContentOrigin.ContentFile;
            target.ContentHash = source.Hash;
        }
    }

    private void Apply(ParsedArticle source, RenderedMarkdown rendered, Article entity, Dictionary<string, int> programmeIds, Dictionary<string, Topic> topics)
    {
        entity.Title = source.Title;
        entity.Summary = source.Summary;
        entity.BodyMarkdown = source.Body;
        entity.BodyHtml = rendered.Html;
        entity.BodyText = rendered.PlainText;
        entity.ReadingMinutes = rendered.ReadingMinutes;
        entity.PublishedAtUtc = source.PublishedAtUtc;
        entity.Status = ArticleStatus.Published;
        entity.Author = source.Author ?? DefaultAuthor;
        entity.CoverImagePath = source.Cover;
        entity.CoverImageAlt = source.CoverAlt;
        entity.ProgrammeId = source.Programme is null ? null : programmeIds[source.Programme];
        entity.Origin = ContentOrigin.ContentFile;
        entity.ContentHash = source.Hash;
        entity.UpdatedAtUtc = Wib.UtcNow(clock);
        // A staff member with the article open must not save over what the import just wrote.
        entity.Version++;

        entity.Topics.Clear();
        foreach (var name in source.Tags)
        {
            var slug = Slugs.FromText(name);
            if (!topics.TryGetValue(slug, out var topic))
            {
                topic = new Topic { Slug = slug, Name = name };
                topics[slug] = topic;
            }

            entity.Topics.Add(topic);
        }
    }

    /// <summary>
    /// A cover is shown on the portal's own pages and in link previews, so it must come from the
    /// portal: "//host/x.jpg" is another site to a browser, and so is "/\\host" or a path with a tab
    /// (browsers drop tabs and newlines from addresses). Such a file is skipped rather than imported
    /// without its cover, so that what is published is never different from what the file says.
    /// </summary>
    private static bool IsSiteLocalPath(string path) =>
        path.Length > 1 && path[0] == '/' && path[1] != '/'
        && !path.Contains('\\') && !path.Contains(':') && !path.Contains("..", StringComparison.Ordinal)
        && !path.Any(c => char.IsControl(c) || char.IsWhiteSpace(c));

    private static string? Missing(params (string Name, string? Value)[] fields) =>
        fields.FirstOrDefault(f => string.IsNullOrWhiteSpace(f.Value)).Name is { } name ? $"{name} is missing" : null;

    private static string? TooLong(params (string Name, string Value, int Max)[] fields) =>
        fields.FirstOrDefault(f => f.Value.Trim().Length > f.Max).Name is { } name ? $"{name} is longer than allowed" : null;

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(FormatVersion + "\n" + text)));

    private enum ImportOutcome
    {
        Add,
        Update,
        Unchanged,
        KeepPortalVersion,
    }

    private readonly record struct FileRead<T>(string Slug, ContentResult<T> Result, bool Unchanged = false);

    private sealed record StoredItem(string Slug, string? ContentHash, ContentOrigin Origin);

    private abstract record ParsedFile(string Path, string Slug, string Hash, string Body);

    private sealed record ParsedArticle(string Path, string Slug, string Hash, string Title, string Summary, DateTime PublishedAtUtc,
        List<string> Tags, string? Programme, string? Cover, string? CoverAlt, string? Author, string Body) : ParsedFile(Path, Slug, Hash, Body);

    private sealed record ParsedProgramme(string Path, string Slug, string Hash, string Title, string Summary, int Order, string Body,
        List<ParsedBatch> Batches) : ParsedFile(Path, Slug, Hash, Body);

    private sealed record ParsedBatch(string Key, string Name, FundingSource Funding, string Provider, string Location, int Seats,
        int? RegistrationCap, DateTime OpensUtc, DateTime ClosesUtc, DateOnly Starts, DateOnly Ends, int? MinAge, int? MaxAge,
        EducationLevel? MinEducation, bool ResidentsOnly, bool IsDemo);
}
