using Ganss.Xss;
using Markdig;

namespace Portal.News;

public sealed record RenderedMarkdown(string Html, string PlainText, int ReadingMinutes);

/// <summary>
/// The one Markdown pipeline of the portal, built once: Markdig pipelines are immutable and
/// thread-safe, so a singleton serves every import, save and preview. Raw HTML is off in the
/// pipeline, and because Markdig is not a sanitizer (a link may still say javascript:), its
/// output always passes through HtmlSanitizer before it is stored or shown.
/// </summary>
public sealed class MarkdownRenderer
{
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

    public RenderedMarkdown Render(string markdown)
    {
        var html = _sanitizer.Sanitize(Markdown.ToHtml(markdown, _pipeline));
        var text = Markdown.ToPlainText(markdown, _pipeline).Trim();
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return new RenderedMarkdown(html, text, Math.Max(1, (int)Math.Ceiling(words / (double)WordsPerMinute)));
    }

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
        };
        return sanitizer;
    }
}
