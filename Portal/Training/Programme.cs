using Portal.Content;
using Portal.News;

namespace Portal.Training;

/// <summary>A training programme (program pelatihan): soft skill, public speaking, sablon, barista…</summary>
public class Programme : IImportedContent
{
    public const int TitleMaxLength = 200;

    public const int SummaryMaxLength = 500;

    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string Title { get; set; }

    public required string Summary { get; set; }

    public string DescriptionMarkdown { get; set; } = string.Empty;

    /// <summary>Rendered once when imported or saved; pages never render Markdown per request.</summary>
    public string DescriptionHtml { get; set; } = string.Empty;

    public int SortOrder { get; set; }

    public ContentOrigin Origin { get; set; }

    /// <summary>Hash of the content file last imported, so an unchanged file costs no writes.</summary>
    public string? ContentHash { get; set; }

    public List<Batch> Batches { get; set; } = [];

    /// <summary>The description as written and as rendered, stored together (see <see cref="DescriptionHtml"/>).</summary>
    public void SetDescription(string markdown, RenderedMarkdown rendered)
    {
        DescriptionMarkdown = markdown;
        DescriptionHtml = rendered.Html;
    }
}
