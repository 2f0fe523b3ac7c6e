using Portal.Content;
using Portal.News;

namespace Portal.Help;

/// <summary>One question of /tanya-jawab with its answer rendered (sanitized) and as plain text for search.</summary>
public sealed record FaqEntry(string Slug, string Question, string AnswerHtml, string AnswerText, IReadOnlyList<string> Keywords);

/// <summary>
/// The questions of /tanya-jawab, read from content/faq/*.md (one file a question) and rendered
/// with the one <see cref="MarkdownRenderer"/> on first use. They are not stored in the database:
/// nobody edits them in the portal, so the files are the source, and a changed file counts from
/// the next start, as the content import does. A file that cannot be read, parsed or rendered is
/// logged with its path and reason and left out; the others are shown. A singleton: the list is
/// built once and only read afterwards.
/// </summary>
public sealed class FaqContent(ContentFolder folder, MarkdownRenderer markdown, ILogger<FaqContent> logger)
{
    public const string Folder = "faq";

    private readonly Lazy<IReadOnlyList<FaqEntry>> _entries = new(() => Load(folder, markdown, logger));

    /// <summary>In the order the files give (order:, then file name).</summary>
    public IReadOnlyList<FaqEntry> Entries => _entries.Value;

    private static List<FaqEntry> Load(ContentFolder folder, MarkdownRenderer markdown, ILogger logger)
    {
        var parsed = new List<(string Path, ParsedFaq Faq)>();
        foreach (var path in folder.List(Folder))
        {
            var result = Parse(path);
            if (result.Succeeded && parsed.Any(p => p.Faq.Slug == result.Value!.Slug))
            {
                result = ContentResult<ParsedFaq>.Fail($"duplicate slug '{result.Value!.Slug}'");
            }

            if (!result.Succeeded)
            {
                logger.LogError("Content file {Path} skipped: {Reason}", path, result.Error);
                continue;
            }

            parsed.Add((path, result.Value!));
        }

        var entries = new List<FaqEntry>();
        foreach (var (path, faq) in parsed.OrderBy(p => p.Faq.Order).ThenBy(p => p.Faq.Slug, StringComparer.Ordinal))
        {
            var answer = markdown.Render(faq.Body);
            if (!answer.Succeeded)
            {
                logger.LogError("Content file {Path} skipped: the Markdown body cannot be rendered: {Reason}", path, answer.Problem);
                continue;
            }

            entries.Add(new FaqEntry(faq.Slug, faq.Question, answer.Rendered.Html, answer.Rendered.PlainText, faq.Keywords));
        }

        return entries;
    }

    private static ContentResult<ParsedFaq> Parse(string path)
    {
        var slug = ContentParser.SlugFromFileName(path);
        if (!slug.Succeeded)
        {
            return ContentResult<ParsedFaq>.Fail(slug.Error!);
        }

        try
        {
            return new FileInfo(path).Length > ContentFolder.MaxFileBytes
                ? ContentResult<ParsedFaq>.Fail($"the file is larger than {ContentFolder.MaxFileBytes / 1024 / 1024} MB")
                : ContentParser.ParseFaq(slug.Value!, File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ContentResult<ParsedFaq>.Fail($"the file cannot be read: {e.Message}");
        }
    }
}
