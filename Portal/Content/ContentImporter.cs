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

    public string ContentFolder => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Path));

    public async Task<ContentImportReport> ImportAsync(CancellationToken cancellationToken)
    {
        var report = new ContentImportReport();
        await ImportProgrammesAsync(report, cancellationToken);
        await ImportNewsAsync(report, cancellationToken);

        foreach (var problem in report.Skipped)
        {
            logger.LogError("Content file {Path} skipped: {Reason}", problem.Path, problem.Reason);
        }

        logger.LogInformation(
            "Content import from {Folder}: {Added} added, {Updated} updated, {Unchanged} unchanged, {Kept} kept as edited in the portal, {Skipped} skipped",
            ContentFolder, report.Added, report.Updated, report.Unchanged, report.KeptPortalVersion, report.Skipped.Count);
        return report;
    }

    private async Task ImportProgrammesAsync(ContentImportReport report, CancellationToken cancellationToken)
    {
        var today = Wib.Today(clock);
        var parsed = ReadFolder("programmes", report, (path, slug, text) => ParseProgramme(path, slug, text, today));

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
        await WriteAsync(
            accepted,
            stored,
            slug => db.Programmes.Include(p => p.Batches).SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken),
            (programme, body, entity) =>
            {
                entity ??= db.Programmes.Add(new Programme { Slug = programme.Slug, Title = programme.Title, Summary = programme.Summary }).Entity;
                Apply(programme, body, entity);
                return entity;
            },
            report.ChangedProgrammeSlugs,
            report,
            onSaveFailed: () => Task.CompletedTask,
            cancellationToken);
    }

    private async Task ImportNewsAsync(ContentImportReport report, CancellationToken cancellationToken)
    {
        var programmeIds = await db.Programmes.ToDictionaryAsync(p => p.Slug, p => p.Id, cancellationToken);
        var parsed = ReadFolder("news", report, (path, slug, text) => ParseArticle(path, slug, text, programmeIds));
        var stored = await db.Articles
            .Select(a => new StoredItem(a.Slug, a.ContentHash, a.Origin))
            .ToDictionaryAsync(a => a.Slug, cancellationToken);
        var topics = await db.Topics.ToDictionaryAsync(t => t.Slug, cancellationToken);
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

        await WriteAsync(
            parsed,
            stored,
            slug => db.Articles.Include(a => a.Topics).SingleOrDefaultAsync(a => a.Slug == currentSlugs.GetValueOrDefault(slug, slug), cancellationToken),
            (article, body, entity) =>
            {
                entity ??= db.Articles.Add(new Article { Slug = article.Slug, Title = article.Title, Summary = article.Summary }).Entity;
                Apply(article, body, entity, programmeIds, topics);
                return entity;
            },
            report.ChangedArticleSlugs,
            report,
            onSaveFailed: async () => topics = await db.Topics.ToDictionaryAsync(t => t.Slug, cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// Writes each parsed file whose hash differs from the stored one, one save per file so that a
    /// file the database refuses loses nothing else.
    /// </summary>
    private async Task WriteAsync<TParsed, TEntity>(
        IEnumerable<TParsed> items,
        Dictionary<string, StoredItem> stored,
        Func<string, Task<TEntity?>> load,
        Func<TParsed, RenderedMarkdown, TEntity?, TEntity> upsert,
        List<string> changedSlugs,
        ContentImportReport report,
        Func<Task> onSaveFailed,
        CancellationToken cancellationToken)
        where TParsed : ParsedFile
        where TEntity : class, IImportedContent
    {
        foreach (var item in items)
        {
            var outcome = Compare(stored.GetValueOrDefault(item.Slug), item.Hash, item.Path);
            if (outcome is ImportOutcome.Unchanged)
            {
                report.Unchanged++;
                continue;
            }

            MarkdownResult? body = null;
            if (outcome is not ImportOutcome.KeepPortalVersion)
            {
                // Rendered before anything is tracked: a body that cannot be shown skips its file alone.
                body = markdown.Render(item.Body);
                if (!body.Succeeded)
                {
                    report.Skipped.Add(new ContentProblem(item.Path, $"the Markdown body cannot be rendered: {body.Problem}"));
                    continue;
                }
            }

            var entity = await load(item.Slug);
            if (body is null)
            {
                entity!.ContentHash = item.Hash;
                report.KeptPortalVersion++;
            }
            else
            {
                upsert(item, body.Rendered!, entity);
            }

            if (!await TrySaveAsync(item.Path, report, cancellationToken))
            {
                await onSaveFailed();
                continue;
            }

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
            }
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

    private async Task<bool> TrySaveAsync(string path, ContentImportReport report, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e)
        {
            db.ChangeTracker.Clear();
            report.Skipped.Add(new ContentProblem(path, $"the database refused it: {e.InnerException?.Message ?? e.Message}"));
            return false;
        }
    }

    private List<T> ReadFolder<T>(string name, ContentImportReport report, Func<string, string, string, ContentResult<T>> parse)
        where T : ParsedFile
    {
        var folder = Path.Combine(ContentFolder, name);
        var items = new List<T>();
        if (!Directory.Exists(folder))
        {
            logger.LogWarning("Content folder {Folder} does not exist; nothing imported from it", folder);
            return items;
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal))
        {
            var slug = Slugs.FromText(Path.GetFileNameWithoutExtension(path));
            if (slug.Length == 0)
            {
                report.Skipped.Add(new ContentProblem(path, "the file name gives no slug (use letters, digits and hyphens)"));
                continue;
            }

            if (seen.TryGetValue(slug, out var first))
            {
                report.Skipped.Add(new ContentProblem(path, $"duplicate slug '{slug}': {Path.GetFileName(first)} has it already"));
                continue;
            }

            string text;
            try
            {
                if (new FileInfo(path).Length > MaxFileBytes)
                {
                    report.Skipped.Add(new ContentProblem(path, $"the file is larger than {MaxFileBytes / 1024 / 1024} MB"));
                    continue;
                }

                text = File.ReadAllText(path, Encoding.UTF8);
            }
            catch (IOException e)
            {
                report.Skipped.Add(new ContentProblem(path, $"cannot be read: {e.Message}"));
                continue;
            }

            var result = parse(path, slug, text);
            if (!result.Succeeded)
            {
                report.Skipped.Add(new ContentProblem(path, result.Error!));
                continue;
            }

            seen[slug] = path;
            items.Add(result.Value!);
        }

        return items;
    }

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
