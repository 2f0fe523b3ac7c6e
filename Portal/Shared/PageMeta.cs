using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Portal.Shared;

/// <summary>What the layout puts in &lt;head&gt;: title, description, canonical link and link-preview tags.</summary>
public sealed record PageMeta(string Title, string Description)
{
    /// <summary>Path of the page's stable address, e.g. "/berita/slug"; the layout makes it absolute.</summary>
    public string? CanonicalPath { get; init; }

    /// <summary>Path of the preview image (WhatsApp, social media); the site's default when empty.</summary>
    public string? ImagePath { get; init; }

    public string? ImageAlt { get; init; }

    /// <summary>OpenGraph type: "website" or "article".</summary>
    public string Type { get; init; } = "website";

    public DateTime? PublishedAtUtc { get; init; }

    public bool NoIndex { get; init; }
}

public static class PageMetaViewData
{
    private const string Key = "Portal.PageMeta";

    public static void SetMeta(this ViewDataDictionary viewData, PageMeta meta) => viewData[Key] = meta;

    public static PageMeta? GetMeta(this ViewDataDictionary viewData) => viewData[Key] as PageMeta;
}
