using System.Diagnostics;

namespace Portal.Content;

/// <summary>
/// Imports content/programmes/*.md and content/news/*.md into the database, keyed by slug.
/// Idempotent: a file whose hash matches the stored one is not written again. A malformed file
/// is logged with its path and reason and skipped; the rest is imported. The folder is read by
/// <see cref="ContentFolder"/>, each file parsed by <see cref="ContentParser"/>, and each chunk
/// written by <see cref="ContentChunkWriter"/>; this class only puts them in order.
/// </summary>
public sealed class ContentImporter(
    PortalDbContext db,
    ContentFolder folder,
    ContentChunkWriter writer,
    TimeProvider clock,
    IOptions<ContentOptions> options,
    ILogger<ContentImporter> logger)
{
    public Task<ContentImportReport> ImportAsync(CancellationToken cancellationToken) => ImportAsync(null, cancellationToken);

    /// <summary>Imports everything; <paramref name="status"/>, when given, follows the files done.</summary>
    public async Task<ContentImportReport> ImportAsync(ContentImportStatus? status, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var report = new ContentImportReport();
        var programmeFiles = folder.List("programmes");
        var newsFiles = folder.List("news");
        status?.Start(programmeFiles.Count + newsFiles.Count);
        await ImportProgrammesAsync(programmeFiles, report, cancellationToken);
        status?.Advance(programmeFiles.Count);
        await ImportNewsAsync(newsFiles, report, status, cancellationToken);

        foreach (var problem in report.Skipped)
        {
            logger.LogError("Content file {Path} skipped: {Reason}", problem.Path, problem.Reason);
        }

        logger.LogInformation(
            "Content import from {Folder}: {Added} added, {Updated} updated, {Unchanged} unchanged, {Kept} kept as edited in the portal, {Skipped} skipped, in {Elapsed} ms",
            folder.FullPath, report.Added, report.Updated, report.Unchanged, report.KeptPortalVersion, report.Skipped.Count, watch.ElapsedMilliseconds);
        return report;
    }

    private async Task ImportProgrammesAsync(List<string> files, ContentImportReport report, CancellationToken cancellationToken)
    {
        var today = Wib.Today(clock);
        var programmes = await ProgrammeImportTarget.LoadAsync(db, options.Value.IncludeDemoBatches, logger, cancellationToken);
        // A handful of files: read whole, because a batch key may clash with any other file's. No
        // hash is compared while reading: a demo batch's file gives another hash on another day.
        var parsed = folder.Read(files, (slug, text) => ContentParser.ParseProgramme(slug, text, today), stored: null, report, cancellationToken)
            .SelectMany(chunk => chunk.Files);
        var accepted = await programmes.WithoutBatchKeyClashesAsync(parsed, report, cancellationToken);
        foreach (var chunk in accepted.Chunk(ContentFolder.ChunkSize))
        {
            await writer.WriteAsync(chunk, programmes, report.ChangedProgrammeSlugs, report, cancellationToken);
        }
    }

    private async Task ImportNewsAsync(List<string> files, ContentImportReport report, ContentImportStatus? status, CancellationToken cancellationToken)
    {
        var articles = await ArticleImportTarget.LoadAsync(db, cancellationToken);
        // Read, parsed and written a chunk at a time: memory holds one chunk of bodies, never the archive.
        var chunks = folder.Read(files, (slug, text) => ContentParser.ParseArticle(slug, text, articles.Programmes), articles.Stored, report, cancellationToken);
        foreach (var chunk in chunks)
        {
            await writer.WriteAsync(chunk.Files, articles, report.ChangedArticleSlugs, report, cancellationToken);
            status?.Advance(chunk.FilesRead);
        }
    }
}
