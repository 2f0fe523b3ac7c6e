using Portal.News;

namespace Portal.Content;

/// <summary>What the database holds for a slug: the hash of the file last imported, and who owns the item now.</summary>
public sealed record StoredContent(string Slug, string? ContentHash, ContentOrigin Origin);

/// <summary>
/// Where one kind of content file lands. <see cref="ContentChunkWriter"/> does what every kind
/// shares (compare hashes, render, save a chunk in one transaction, retry file by file); a target
/// knows only how its entities are found and filled.
/// </summary>
public interface IImportTarget<in TParsed, TEntity>
    where TParsed : ParsedContent
    where TEntity : class, IImportedContent
{
    /// <summary>What the database held when the import began, by the slug of the file.</summary>
    IReadOnlyDictionary<string, StoredContent> Stored { get; }

    /// <summary>
    /// Tracks, for one save, the stored entities of these file slugs (and whatever else the writes
    /// need): each save starts with an empty change tracker.
    /// </summary>
    Task<Dictionary<string, TEntity>> TrackAsync(IReadOnlyList<string> slugs, CancellationToken cancellationToken);

    /// <summary>Adds the entity of a new file, or fills the stored one from its file.</summary>
    void Write(TParsed file, RenderedMarkdown body, TEntity? stored);
}
