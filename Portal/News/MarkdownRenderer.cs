using System.Diagnostics.CodeAnalysis;
using Ganss.Xss;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.Extensions.Logging.Abstractions;

namespace Portal.News;

public sealed record RenderedMarkdown(string Html, string PlainText, int ReadingMinutes);

/// <summary>
/// The outcome of rendering: the HTML, or why the text cannot be shown, in Indonesian for the person
/// who wrote it. Text typed by staff or found in content/ is input like any other: a text that
/// cannot be rendered is a message beside the field or a skipped file, never a failed request.
/// </summary>
public sealed record MarkdownResult(RenderedMarkdown? Rendered, string? Problem)
{
    [MemberNotNullWhen(true, nameof(Rendered))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Rendered is not null;
}

/// <summary>
/// The one Markdown pipeline of the portal, built once: Markdig pipelines are immutable and
/// thread-safe, so a singleton serves every import, save and preview. Raw HTML is off in the
/// pipeline, and because Markdig is not a sanitizer (a link may still say javascript:), its
/// output always passes through HtmlSanitizer before it is stored or shown.
/// The limits keep every rendering well under a second on a small server (measured: a single
/// 100,000-character line of "[a](" takes Markdig 3 s, a 50,000-row one-column table takes the
/// sanitizer 10 s, and Markdig refuses deep nesting with an exception).
/// </summary>
public sealed class MarkdownRenderer(ILogger<MarkdownRenderer> logger)
{
    /// <summary>Longest text rendered, in characters: the article body's limit in the editor too.</summary>
    public const int MaxLength = 100_000;

    /// <summary>Longest line: Markdig's inline parsing grows with the square of a line's length.</summary>
    public const int MaxLineLength = 5_000;

    /// <summary>Deepest nesting of quotes, lists and emphasis; far below Markdig's own limit, so that limit is never what speaks.</summary>
    public const int MaxNesting = 32;

    /// <summary>Most Markdown elements (blocks, table cells, inline pieces): the sanitizer's time grows with them.</summary>
    public const int MaxElements = 10_000;

    public static readonly string TooLong = string.Create(Wib.Culture, $"Teks terlalu panjang (lebih dari {MaxLength:N0} karakter). Bagi menjadi beberapa bagian.");

    public static readonly string LineTooLong = string.Create(Wib.Culture, $"Ada baris yang terlalu panjang (lebih dari {MaxLineLength:N0} karakter tanpa ganti baris). Pecah menjadi beberapa paragraf.");

    public static readonly string TooDeep = string.Create(Wib.Culture, $"Teks terlalu dalam bersarang (kutipan atau daftar bertingkat lebih dari {MaxNesting} tingkat). Kurangi tingkatnya.");

    public static readonly string TooComplex = string.Create(Wib.Culture, $"Teks terlalu rumit untuk ditampilkan (lebih dari {MaxElements:N0} unsur, misalnya tabel yang sangat besar). Sederhanakan teks atau bagi tabelnya.");

    public const string Failed = "Teks ini tidak dapat ditampilkan karena kesalahan di sistem kami. Ubah bagian yang baru ditambahkan, atau hubungi pengelola portal.";

    private const int WordsPerMinute = 200;

    /// <summary>Class of the scrollable box around every table (styled in site.css).</summary>
    public const string TableRegionClass = "table-scroll";

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseGridTables()
        .UseAutoLinks()
        .UseTaskLists()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseFootnotes()
        .UseAutoIdentifiers()
        .UseSmartyPants()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    /// <summary>Without a logger: for tools and tests that build the renderer themselves.</summary>
    public MarkdownRenderer()
        : this(NullLogger<MarkdownRenderer>.Instance)
    {
    }

    public MarkdownResult Render(string markdown)
    {
        if (markdown.Length > MaxLength)
        {
            return Refused(TooLong);
        }

        if (LongestLine(markdown) > MaxLineLength)
        {
            return Refused(LineTooLong);
        }

        try
        {
            MarkdownDocument document;
            try
            {
                document = Markdown.Parse(markdown, _pipeline);
            }
            catch (ArgumentException)
            {
                // Markdig's guard against nesting deep enough to exhaust the stack ("too deeply nested").
                return Refused(TooDeep);
            }

            var (elements, depth) = Measure(document);
            if (depth > MaxNesting)
            {
                return Refused(TooDeep);
            }

            if (elements > MaxElements)
            {
                return Refused(TooComplex);
            }

            var html = _sanitizer.Sanitize(Markdown.ToHtml(document, _pipeline));
            var text = PlainText(document).Trim();
            var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            return new MarkdownResult(new RenderedMarkdown(html, text, Math.Max(1, (int)Math.Ceiling(words / (double)WordsPerMinute))), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Within the limits above nothing is known to fail; should Markdig or the sanitizer still
            // throw, the person gets a message and the log gets the cause.
            logger.LogError(e, "Markdown of {Length} characters could not be rendered", markdown.Length);
            return Refused(Failed);
        }
    }

    /// <summary>The same text without markup, for search and reading time (what Markdown.ToPlainText does, without parsing again).</summary>
    private string PlainText(MarkdownDocument document)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer) { EnableHtmlForBlock = false, EnableHtmlForInline = false, EnableHtmlEscape = false };
        _pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    private static int LongestLine(string text)
    {
        var longest = 0;
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end;
            longest = Math.Max(longest, end - start);
            start = end + 1;
        }

        return longest;
    }

    /// <summary>
    /// Counts the elements and the deepest nesting of quotes, lists and inline containers. A list
    /// level is one level (its item is not counted again), and so is a table.
    /// </summary>
    private static (int Elements, int Depth) Measure(MarkdownDocument document)
    {
        var elements = 0;
        var deepest = 0;
        var pending = new Stack<(MarkdownObject Node, int Depth)>();
        pending.Push((document, 0));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            elements++;
            deepest = Math.Max(deepest, depth);
            var childDepth = node is MarkdownDocument or ListItemBlock or TableRow or TableCell ? depth : depth + 1;
            switch (node)
            {
                case ContainerBlock container:
                    foreach (var child in container)
                    {
                        pending.Push((child, childDepth));
                    }

                    break;
                case LeafBlock { Inline: { } inline }:
                    // The leaf's root inline holds its text; it is not a level of its own.
                    foreach (var child in inline)
                    {
                        pending.Push((child, depth));
                    }

                    break;
                case ContainerInline container:
                    foreach (var child in container)
                    {
                        pending.Push((child, childDepth));
                    }

                    break;
            }
        }

        return (elements - 1, deepest);
    }

    private static MarkdownResult Refused(string problem) => new(null, problem);

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedAttributes.Add("class");
        // Links in press releases leave the portal: they must not get hold of the opener tab.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link && link.GetAttribute("href") is { } href
                && (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            {
                link.SetAttribute("rel", "noopener noreferrer");
            }
        };
        // A wide table scrolls sideways on a phone instead of squeezing its words. The scrolling box is a
        // named region in the tab order so that keyboard users can scroll it too (WCAG 2.1.1; axe's
        // scrollable-region-focusable). Added after sanitizing: these attributes are ours, not the author's.
        sanitizer.PostProcessDom += (_, e) =>
        {
            foreach (var table in e.Document.QuerySelectorAll("table").ToList())
            {
                var region = e.Document.CreateElement("div");
                region.ClassName = TableRegionClass;
                region.SetAttribute("tabindex", "0");
                region.SetAttribute("role", "region");
                region.SetAttribute("aria-label", "Tabel");
                table.Parent!.ReplaceChild(region, table);
                region.AppendChild(table);
            }

            // A picture in the body sits below the title, summary and cover: fetched only when scrolled near.
            foreach (var image in e.Document.QuerySelectorAll("img"))
            {
                image.SetAttribute("loading", "lazy");
                image.SetAttribute("decoding", "async");
            }
        };
        return sanitizer;
    }
}
