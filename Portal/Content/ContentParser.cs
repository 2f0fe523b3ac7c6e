using System.Security.Cryptography;
using System.Text;
using Portal.Accounts;
using Portal.News;
using Portal.Training;

namespace Portal.Content;

/// <summary>
/// Turns the text of a content file into what the importer writes, or the reason it cannot be
/// imported. No files, no database, no clock (today is given): the same text always gives the
/// same answer. Reasons are English and name the field, as content/README.md does, for whoever
/// maintains content/: they are logged, never shown on the site.
/// </summary>
public static class ContentParser
{
    public const string NoSlug = "the file name gives no slug (use letters, digits and hyphens)";

    /// <summary>Bump when the way files are turned into records changes, so every file is imported again.</summary>
    private const string FormatVersion = "3";

    /// <summary>The keys of recorded_outcome.participants_by_kecamatan, as content/README.md lists them.</summary>
    private static readonly Dictionary<string, Kecamatan> KecamatanKeys = new(StringComparer.Ordinal)
    {
        ["serang"] = Kecamatan.Serang,
        ["kasemen"] = Kecamatan.Kasemen,
        ["walantaka"] = Kecamatan.Walantaka,
        ["curug"] = Kecamatan.Curug,
        ["cipocok_jaya"] = Kecamatan.CipocokJaya,
        ["taktakan"] = Kecamatan.Taktakan,
        ["luar_kota_serang"] = Kecamatan.LuarKotaSerang,
    };

    private static readonly Dictionary<string, Gender> GenderKeys = new(StringComparer.Ordinal)
    {
        ["laki_laki"] = Gender.Male,
        ["perempuan"] = Gender.Female,
    };

    /// <summary>The slug of a file is its name without ".md", made a slug ("Berita Baru.md" is berita-baru).</summary>
    public static ContentResult<string> SlugFromFileName(string path) =>
        Slugs.FromText(Path.GetFileNameWithoutExtension(path)) is { Length: > 0 } slug
            ? ContentResult<string>.Ok(slug)
            : ContentResult<string>.Fail(NoSlug);

    /// <summary>A news file; <paramref name="programmes"/> are the slugs of the programmes it may name.</summary>
    public static ContentResult<ParsedArticle> ParseArticle(string slug, string text, IReadOnlySet<string> programmes)
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

        // The article's last real change, for the sitemap and the feed: the import's own time would
        // tell search engines that every article changed whenever the portal is deployed.
        var updated = date;
        if (header.Updated is not null)
        {
            if (!ContentDates.TryParse(header.Updated, default, allowRelative: false, out updated, out _, out var updatedError))
            {
                return ContentResult<ParsedArticle>.Fail($"updated {updatedError}");
            }

            if (updated < date)
            {
                return ContentResult<ParsedArticle>.Fail("updated is before date (the article cannot change before it is published)");
            }
        }

        // The columns' and the staff forms' limits: a file may not hold what staff could not save.
        var tags = (header.Tags ?? []).Select(t => t.Trim()).Where(t => Slugs.FromText(t).Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var tooLong = TooLong(
            [
                ("title", header.Title!, Article.TitleMaxLength),
                ("summary", header.Summary!, Article.SummaryMaxLength),
                ("author", header.Author ?? string.Empty, Article.AuthorMaxLength),
                ("cover", header.Cover ?? string.Empty, Article.CoverImagePathMaxLength),
                ("cover_alt", header.CoverAlt ?? string.Empty, Article.CoverImageAltMaxLength),
                .. tags.Select(tag => ("a tag", tag, Topic.NameMaxLength)),
            ]);
        if (tooLong is not null)
        {
            return ContentResult<ParsedArticle>.Fail(tooLong);
        }

        if (header.Programme is { } programme && !programmes.Contains(programme))
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

        return ContentResult<ParsedArticle>.Ok(new ParsedArticle(slug, Hash(text), header.Title!.Trim(), header.Summary!.Trim(),
            Wib.ToUtc(date), Wib.ToUtc(updated), tags, header.Programme, header.Cover, header.CoverAlt?.Trim(), header.Author?.Trim(), body));
    }

    /// <summary>Longest question: it is a heading on the page and a search result's title.</summary>
    public const int FaqQuestionMaxLength = 200;

    /// <summary>A question of the FAQ (content/faq/*.md): the question, its place on the page, and the answer's Markdown.</summary>
    public static ContentResult<ParsedFaq> ParseFaq(string slug, string text)
    {
        var file = FrontMatter.Parse<FaqFrontMatter>(text);
        if (!file.Succeeded)
        {
            return ContentResult<ParsedFaq>.Fail(file.Error!);
        }

        var (header, body) = file.Value;
        var problem = Missing(("question", header.Question))
            ?? TooLong(("question", header.Question!, FaqQuestionMaxLength))
            ?? (string.IsNullOrWhiteSpace(body) ? "the answer (the Markdown after the front matter) is empty" : null);
        if (problem is not null)
        {
            return ContentResult<ParsedFaq>.Fail(problem);
        }

        var keywords = (header.Keywords ?? []).Select(k => k.Trim()).Where(k => k.Length > 0).ToList();
        return ContentResult<ParsedFaq>.Ok(new ParsedFaq(slug, header.Question!.Trim(), header.Order ?? int.MaxValue, keywords, body));
    }

    /// <summary>A programme file; <paramref name="today"/> (WIB) places the relative dates of demo batches.</summary>
    public static ContentResult<ParsedProgramme> ParseProgramme(string slug, string text, DateOnly today)
    {
        var file = FrontMatter.Parse<ProgrammeFrontMatter>(text);
        if (!file.Succeeded)
        {
            return ContentResult<ParsedProgramme>.Fail(file.Error!);
        }

        var (header, body) = file.Value;
        var problem = Missing(("title", header.Title), ("summary", header.Summary))
            ?? TooLong(("title", header.Title!, Programme.TitleMaxLength), ("summary", header.Summary!, Programme.SummaryMaxLength));
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

        // Demo batches move with the calendar, so the day of import is part of what was imported;
        // so is which recorded outcomes wait for their training to end: the file is imported
        // again, figures and all, on the day after it does.
        var hashed = batches.Any(b => b.IsDemo) ? $"{text}\ntoday={today:yyyy-MM-dd}" : text;
        var held = batches.Where(b => b.Outcome is { Held: true }).Select(b => b.Key).ToList();
        if (held.Count > 0)
        {
            hashed += $"\nheld-outcomes={string.Join(',', held)}";
        }

        return ContentResult<ParsedProgramme>.Ok(new ParsedProgramme(slug, Hash(hashed), header.Title!.Trim(), header.Summary!.Trim(),
            header.Order ?? 0, body, batches));
    }

    /// <summary>What a file's text is remembered by: a file whose hash is the stored one is not imported again.</summary>
    public static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(FormatVersion + "\n" + text)));

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

        if (TooLong([("name", b.Name!, Batch.NameMaxLength), ("provider", b.Provider!, Batch.ProviderMaxLength), ("location", b.Location!, Batch.LocationMaxLength)]) is { } tooLong)
        {
            return ContentResult<ParsedBatch>.Fail(tooLong);
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

        var documents = BatchRules.CleanDocuments(b.Documents ?? []);
        if (BatchRules.CheckDocuments(documents) is { } documentsProblem)
        {
            return ContentResult<ParsedBatch>.Fail(documentsProblem);
        }

        ParsedOutcome? outcome = null;
        if (b.RecordedOutcome is { } recorded)
        {
            var parsed = ParseOutcome(recorded, b.Seats.Value, demo, DateOnly.FromDateTime(starts), DateOnly.FromDateTime(ends), today);
            if (!parsed.Succeeded)
            {
                return ContentResult<ParsedBatch>.Fail(parsed.Error!);
            }

            outcome = parsed.Value;
        }

        return ContentResult<ParsedBatch>.Ok(new ParsedBatch(
            b.Key!, b.Name!.Trim(), funding.Value, b.Provider!.Trim(), b.Location!.Trim(), b.Seats.Value, b.RegistrationCap,
            opensUtc, closesUtc, DateOnly.FromDateTime(starts), DateOnly.FromDateTime(ends),
            b.MinAge, b.MaxAge, education, b.ResidentsOnly ?? funding == FundingSource.Apbd, demo, outcome)
        {
            Documents = documents,
        });
    }

    /// <summary>
    /// The office's figures for a batch run on paper. They describe a training that took place, so
    /// a demo batch may not carry them and neither may a batch whose training has not begun on the
    /// day of import (a wrong key or a slip of the year, most likely). While the training runs they
    /// are held: the batch is imported without them until the day after its last training day.
    /// </summary>
    private static ContentResult<ParsedOutcome> ParseOutcome(
        RecordedOutcomeFrontMatter o, int seats, bool demo, DateOnly trainingStarts, DateOnly trainingEnds, DateOnly today)
    {
        if (demo)
        {
            return ContentResult<ParsedOutcome>.Fail("recorded_outcome is not allowed on a demo batch: demo batches are examples, not records");
        }

        if (trainingStarts > today)
        {
            return ContentResult<ParsedOutcome>.Fail(
                $"recorded_outcome is given for a batch whose training has not started (training_starts {trainingStarts:yyyy-MM-dd}): record it after the training ends");
        }

        (string Name, int? Value)[] figures =
            [("applicants", o.Applicants), ("participants", o.Participants), ("completed", o.Completed), ("placed", o.Placed)];
        foreach (var (name, value) in figures)
        {
            if (value is null)
            {
                return ContentResult<ParsedOutcome>.Fail($"recorded_outcome.{name} is missing");
            }

            if (value < 0)
            {
                return ContentResult<ParsedOutcome>.Fail($"recorded_outcome.{name} cannot be negative");
            }
        }

        var (applicants, participants, completed, placed) = (o.Applicants!.Value, o.Participants!.Value, o.Completed!.Value, o.Placed!.Value);
        var order = participants > applicants ? $"recorded_outcome.participants ({participants}) cannot be more than applicants ({applicants})"
            : participants > seats ? $"recorded_outcome.participants ({participants}) cannot be more than the batch's seats ({seats})"
            : completed > participants ? $"recorded_outcome.completed ({completed}) cannot be more than participants ({participants})"
            : placed > completed ? $"recorded_outcome.placed ({placed}) cannot be more than completed ({completed})"
            : null;
        if (order is not null)
        {
            return ContentResult<ParsedOutcome>.Fail(order);
        }

        var byKecamatan = Breakdown("participants_by_kecamatan", o.ParticipantsByKecamatan, KecamatanKeys, participants);
        if (!byKecamatan.Succeeded)
        {
            return ContentResult<ParsedOutcome>.Fail(byKecamatan.Error!);
        }

        var byGender = Breakdown("participants_by_gender", o.ParticipantsByGender, GenderKeys, participants);
        if (!byGender.Succeeded)
        {
            return ContentResult<ParsedOutcome>.Fail(byGender.Error!);
        }

        return ContentResult<ParsedOutcome>.Ok(new ParsedOutcome(
            applicants, participants, completed, placed, byKecamatan.Value!, byGender.Value!, Held: trainingEnds >= today));
    }

    /// <summary>A breakdown of the participants: known keys only, none negative, adding up to the participants when given.</summary>
    private static ContentResult<IReadOnlyDictionary<TKey, int>> Breakdown<TKey>(
        string field, Dictionary<string, int>? counts, Dictionary<string, TKey> keys, int participants)
        where TKey : struct, Enum
    {
        var breakdown = new Dictionary<TKey, int>();
        if (counts is null)
        {
            return ContentResult<IReadOnlyDictionary<TKey, int>>.Ok(breakdown);
        }

        foreach (var (name, count) in counts)
        {
            if (!keys.TryGetValue(name, out var key))
            {
                return ContentResult<IReadOnlyDictionary<TKey, int>>.Fail(
                    $"recorded_outcome.{field}: '{name}' is not one of {string.Join(", ", keys.Keys)}");
            }

            if (count < 0)
            {
                return ContentResult<IReadOnlyDictionary<TKey, int>>.Fail($"recorded_outcome.{field}: {name} cannot be negative");
            }

            breakdown[key] = count;
        }

        var sum = breakdown.Values.Sum();
        return sum == participants
            ? ContentResult<IReadOnlyDictionary<TKey, int>>.Ok(breakdown)
            : ContentResult<IReadOnlyDictionary<TKey, int>>.Fail($"recorded_outcome.{field} adds up to {sum}, not to the {participants} participants");
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
}
