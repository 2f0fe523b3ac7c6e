using Portal.News;
using Portal.Training;

namespace Portal.Content;

/// <summary>
/// Programme files into programmes and their batches, keyed by the file's slug and each batch by
/// its key. One per import: it holds every programme's hash, read once.
/// </summary>
public sealed class ProgrammeImportTarget : IImportTarget<ParsedProgramme, Programme>
{
    private readonly PortalDbContext _db;
    private readonly bool _includeDemoBatches;
    private readonly ILogger _logger;

    private ProgrammeImportTarget(PortalDbContext db, bool includeDemoBatches, ILogger logger, Dictionary<string, StoredContent> stored)
    {
        _db = db;
        _includeDemoBatches = includeDemoBatches;
        _logger = logger;
        Stored = stored;
    }

    public IReadOnlyDictionary<string, StoredContent> Stored { get; }

    public static async Task<ProgrammeImportTarget> LoadAsync(PortalDbContext db, bool includeDemoBatches, ILogger logger, CancellationToken cancellationToken)
    {
        var stored = await db.Programmes
            .Select(p => new StoredContent(p.Slug, p.ContentHash, p.Origin))
            .ToDictionaryAsync(p => p.Slug, cancellationToken);
        return new ProgrammeImportTarget(db, includeDemoBatches, logger, stored);
    }

    /// <summary>
    /// The files whose batch keys are their own: a key used by an earlier file, or stored under
    /// another programme, refuses the whole file (reported with its path), since a batch's key is
    /// what applications and links hold on to.
    /// </summary>
    public async Task<List<ContentFile<ParsedProgramme>>> WithoutBatchKeyClashesAsync(
        IEnumerable<ContentFile<ParsedProgramme>> files, ContentImportReport report, CancellationToken cancellationToken)
    {
        var storedKeys = await _db.Batches
            .Select(b => new { b.Key, ProgrammeSlug = b.Programme!.Slug })
            .ToDictionaryAsync(b => b.Key, b => b.ProgrammeSlug, cancellationToken);
        var keysInFiles = new HashSet<string>(StringComparer.Ordinal);
        var accepted = new List<ContentFile<ParsedProgramme>>();
        foreach (var file in files)
        {
            var programme = file.Content;
            var clash = programme.Batches.Select(b => b.Key).FirstOrDefault(key =>
                keysInFiles.Contains(key) || (storedKeys.TryGetValue(key, out var owner) && owner != programme.Slug));
            if (clash is not null)
            {
                report.Skipped.Add(new ContentProblem(file.Path, $"batch key '{clash}' is already used by another programme"));
                continue;
            }

            keysInFiles.UnionWith(programme.Batches.Select(b => b.Key));
            accepted.Add(file);
        }

        return accepted;
    }

    public async Task<Dictionary<string, Programme>> TrackAsync(IReadOnlyList<string> slugs, CancellationToken cancellationToken) =>
        slugs.Count == 0
            ? []
            : await _db.Programmes.Include(p => p.Batches).Where(p => slugs.Contains(p.Slug)).ToDictionaryAsync(p => p.Slug, cancellationToken);

    public void Write(ParsedProgramme file, RenderedMarkdown body, Programme? stored)
    {
        var programme = stored ?? _db.Programmes.Add(new Programme { Slug = file.Slug, Title = file.Title, Summary = file.Summary }).Entity;
        programme.Title = file.Title;
        programme.Summary = file.Summary;
        programme.SortOrder = file.Order;
        programme.SetDescription(file.Body, body);
        programme.Origin = ContentOrigin.ContentFile;
        programme.ContentHash = file.Hash;

        foreach (var batch in file.Batches.Where(b => _includeDemoBatches || !b.IsDemo))
        {
            var target = programme.Batches.FirstOrDefault(x => x.Key == batch.Key);
            if (target is null)
            {
                target = new Batch { Key = batch.Key, Name = batch.Name, Provider = batch.Provider, Location = batch.Location };
                programme.Batches.Add(target);
            }

            if (target.Origin != ContentOrigin.Portal)
            {
                Fill(target, batch, file.Hash);
            }
        }
    }

    private void Fill(Batch target, ParsedBatch batch, string hash)
    {
        target.SetTerms(batch.Terms);
        if (batch.Seats >= target.AcceptedCount)
        {
            target.Seats = batch.Seats;
        }
        else
        {
            // Acceptance never exceeds the seats: a file may not take back places already given.
            _logger.LogWarning("Batch {Key}: the file gives {Seats} seats but {Accepted} applicants are accepted; seats left at {Current}",
                batch.Key, batch.Seats, target.AcceptedCount, target.Seats);
        }

        target.IsDemo = batch.IsDemo;
        // The file is the whole truth about a batch it owns: a figure taken out of it is taken
        // out of the portal, and held figures are not shown before the training has ended.
        target.RecordedOutcome = batch.Outcome is { Held: false } outcome ? outcome.ToRecordedOutcome() : null;
        if (batch.Outcome is { Held: true })
        {
            _logger.LogInformation("Batch {Key}: its recorded outcome is imported after the training ends on {Ends}", batch.Key, batch.Ends);
        }

        target.Origin = ContentOrigin.ContentFile;
        target.ContentHash = hash;
    }
}
