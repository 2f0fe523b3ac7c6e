namespace Portal.Content;

public sealed record ContentProblem(string Path, string Reason);

public sealed class ContentImportReport
{
    public int Added { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    /// <summary>Files whose item staff have edited in the portal: the portal's version wins.</summary>
    public int KeptPortalVersion { get; set; }

    public List<ContentProblem> Skipped { get; } = [];

    /// <summary>Slugs of the articles and programmes written, for whoever follows changes.</summary>
    public List<string> ChangedArticleSlugs { get; } = [];

    public List<string> ChangedProgrammeSlugs { get; } = [];
}
