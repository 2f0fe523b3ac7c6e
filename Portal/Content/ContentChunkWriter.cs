using Portal.News;

namespace Portal.Content;

/// <summary>
/// Writes the files of one chunk whose hash differs from the stored one: rendered on every core,
/// then saved in one save (one transaction), after which the change tracker is cleared so the next
/// chunk starts empty. When the database refuses the chunk, its files are saved again one save per
/// file, so that a file the database refuses loses nothing else.
/// </summary>
public sealed class ContentChunkWriter(PortalDbContext db, MarkdownRenderer markdown, ILogger<ContentChunkWriter> logger)
{
    private enum Outcome
    {
        Add,
        Update,
        Unchanged,
        KeepPortalVersion,
    }

    /// <summary>Writes <paramref name="files"/> to <paramref name="target"/>; the slugs it adds or updates go to <paramref name="changedSlugs"/>.</summary>
    public async Task WriteAsync<TParsed, TEntity>(
        IReadOnlyList<ContentFile<TParsed>> files,
        IImportTarget<TParsed, TEntity> target,
        List<string> changedSlugs,
        ContentImportReport report,
        CancellationToken cancellationToken)
        where TParsed : ParsedContent
        where TEntity : class, IImportedContent
    {
        var writes = Render(Changed(files, target.Stored, report), report, cancellationToken);
        if (writes.Count == 0)
        {
            return;
        }

        if (await TrySaveAsync(writes, target, cancellationToken) is null)
        {
            Count(writes, changedSlugs, report);
            return;
        }

        // The whole chunk was rolled back: one save per file finds the file the database refuses.
        foreach (var write in writes)
        {
            if (await TrySaveAsync([write], target, cancellationToken) is { } refusal)
            {
                report.Skipped.Add(new ContentProblem(write.File.Path, $"the database refused it: {refusal}"));
                continue;
            }

            Count([write], changedSlugs, report);
        }
    }

    /// <summary>The files whose hash differs from the stored one; the others are counted unchanged.</summary>
    private List<Pending<TParsed>> Changed<TParsed>(IReadOnlyList<ContentFile<TParsed>> files, IReadOnlyDictionary<string, StoredContent> stored, ContentImportReport report)
        where TParsed : ParsedContent
    {
        var work = new List<Pending<TParsed>>(files.Count);
        foreach (var file in files)
        {
            var outcome = Compare(stored.GetValueOrDefault(file.Content.Slug), file);
            if (outcome is Outcome.Unchanged)
            {
                report.Unchanged++;
            }
            else
            {
                work.Add(new Pending<TParsed>(file, outcome, Body: null));
            }
        }

        return work;
    }

    private Outcome Compare<TParsed>(StoredContent? stored, ContentFile<TParsed> file)
        where TParsed : ParsedContent
    {
        if (stored is null)
        {
            return Outcome.Add;
        }

        if (stored.ContentHash == file.Content.Hash)
        {
            return Outcome.Unchanged;
        }

        if (stored.Origin == ContentOrigin.Portal)
        {
            // Said once per change of the file: the new hash is stored, so the next start is silent.
            logger.LogInformation("Content file {Path} changed, but its item was edited in the portal; the portal's version is kept", file.Path);
            return Outcome.KeepPortalVersion;
        }

        return Outcome.Update;
    }

    /// <summary>
    /// Rendered before anything is tracked, on every core (the renderer is a thread-safe
    /// singleton): a body that cannot be shown skips its file alone. A kept portal version needs no body.
    /// </summary>
    private List<Pending<TParsed>> Render<TParsed>(List<Pending<TParsed>> work, ContentImportReport report, CancellationToken cancellationToken)
        where TParsed : ParsedContent
    {
        var bodies = new MarkdownResult?[work.Count];
        Parallel.For(
            0,
            work.Count,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => bodies[i] = work[i].Outcome is Outcome.KeepPortalVersion ? null : markdown.Render(work[i].File.Content.Body));

        var writes = new List<Pending<TParsed>>(work.Count);
        for (var i = 0; i < work.Count; i++)
        {
            if (bodies[i] is { Succeeded: false } failed)
            {
                report.Skipped.Add(new ContentProblem(work[i].File.Path, $"the Markdown body cannot be rendered: {failed.Problem}"));
                continue;
            }

            writes.Add(work[i] with { Body = bodies[i]?.Rendered });
        }

        return writes;
    }

    /// <summary>Null when saved; otherwise why the database refused it (the transaction rolled back). Either way the tracker is left empty.</summary>
    private async Task<string?> TrySaveAsync<TParsed, TEntity>(IReadOnlyList<Pending<TParsed>> writes, IImportTarget<TParsed, TEntity> target, CancellationToken cancellationToken)
        where TParsed : ParsedContent
        where TEntity : class, IImportedContent
    {
        var stored = await target.TrackAsync(
            writes.Where(w => w.Outcome is not Outcome.Add).Select(w => w.File.Content.Slug).ToList(), cancellationToken);
        foreach (var write in writes)
        {
            var entity = stored.GetValueOrDefault(write.File.Content.Slug);
            if (write.Body is null)
            {
                // The portal's version stays; only the file's hash is remembered.
                entity!.ContentHash = write.File.Content.Hash;
            }
            else
            {
                target.Write(write.File.Content, write.Body, entity);
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException e)
        {
            return e.InnerException?.Message ?? e.Message;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static void Count<TParsed>(IEnumerable<Pending<TParsed>> saved, List<string> changedSlugs, ContentImportReport report)
        where TParsed : ParsedContent
    {
        foreach (var write in saved)
        {
            switch (write.Outcome)
            {
                case Outcome.Add:
                    report.Added++;
                    changedSlugs.Add(write.File.Content.Slug);
                    break;
                case Outcome.Update:
                    report.Updated++;
                    changedSlugs.Add(write.File.Content.Slug);
                    break;
                case Outcome.KeepPortalVersion:
                    report.KeptPortalVersion++;
                    break;
            }
        }
    }

    private sealed record Pending<TParsed>(ContentFile<TParsed> File, Outcome Outcome, RenderedMarkdown? Body)
        where TParsed : ParsedContent;
}
