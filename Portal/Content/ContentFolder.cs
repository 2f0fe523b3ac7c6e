using System.Text;

namespace Portal.Content;

/// <summary>
/// The content folder on disk: lists its files and reads them a chunk at a time, each chunk on
/// every core, parsing as it reads. A file that cannot be read or parsed is reported with its
/// path and reason and left out; the others go on. A singleton: it keeps nothing between reads.
/// </summary>
public sealed class ContentFolder(IOptions<ContentOptions> options, IWebHostEnvironment environment, ILogger<ContentFolder> logger)
{
    /// <summary>
    /// Files read, rendered and saved together: one transaction each, with the change tracker
    /// cleared after it, so a save never scans the entities of earlier chunks.
    /// </summary>
    public const int ChunkSize = 250;

    /// <summary>Far above any body the renderer accepts (<see cref="News.MarkdownRenderer.MaxLength"/>); a larger file is not even read.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    public string FullPath => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Path));

    /// <summary>The *.md files of one subfolder (news, programmes), in file-name order.</summary>
    public List<string> List(string name)
    {
        var folder = Path.Combine(FullPath, name);
        if (!Directory.Exists(folder))
        {
            logger.LogWarning("Content folder {Folder} does not exist; nothing imported from it", folder);
            return [];
        }

        return Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Reads and parses the files a chunk at a time and yields what parsed. Problems and duplicate
    /// slugs are decided in file order, as if read one by one: the first file that parses keeps its
    /// slug. A file whose text hashes to its <paramref name="stored"/> hash is counted unchanged and
    /// not even parsed: a start on an unchanged archive reads and hashes each file and nothing more.
    /// </summary>
    public IEnumerable<ContentChunk<T>> Read<T>(
        IReadOnlyList<string> paths,
        Func<string, string, ContentResult<T>> parse,
        IReadOnlyDictionary<string, StoredContent>? stored,
        ContentImportReport report,
        CancellationToken cancellationToken)
        where T : ParsedContent
    {
        // Slug to the index of its file: an archive's paths are held once, in the list.
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var offset = 0;
        foreach (var chunk in paths.Chunk(ChunkSize))
        {
            var results = new FileRead<T>[chunk.Length];
            Parallel.For(
                0,
                chunk.Length,
                new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
                i => results[i] = ReadFile(chunk[i], parse, stored));

            var files = new List<ContentFile<T>>(chunk.Length);
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
                files.Add(new ContentFile<T>(chunk[i], result.Value!));
            }

            offset += chunk.Length;
            yield return new ContentChunk<T>(files, chunk.Length);
        }
    }

    private static FileRead<T> ReadFile<T>(string path, Func<string, string, ContentResult<T>> parse, IReadOnlyDictionary<string, StoredContent>? stored)
    {
        var named = ContentParser.SlugFromFileName(path);
        if (!named.Succeeded)
        {
            return new(string.Empty, ContentResult<T>.Fail(named.Error!));
        }

        var slug = named.Value!;
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

        if (stored is not null && stored.TryGetValue(slug, out var item) && item.ContentHash == ContentParser.Hash(text))
        {
            return new(slug, default, Unchanged: true);
        }

        try
        {
            return new(slug, parse(slug, text));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // This runs inside Parallel.For, where an escaping exception would end the whole import.
            // The parser reports every known problem as a result; anything else still skips this file alone.
            return new(slug, ContentResult<T>.Fail($"cannot be parsed: {e.GetType().Name}: {e.Message}"));
        }
    }

    private readonly record struct FileRead<T>(string Slug, ContentResult<T> Result, bool Unchanged = false);
}
