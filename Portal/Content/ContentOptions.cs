namespace Portal.Content;

public sealed class ContentOptions
{
    public const string Section = "Portal:Content";

    /// <summary>Folder with news/ and programmes/; relative paths are taken from the content root.</summary>
    [Required]
    public string Path { get; set; } = "content";

    /// <summary>Imports batches marked demo: true (relative dates). On in Development only.</summary>
    public bool IncludeDemoBatches { get; set; }

    /// <summary>Imports content on every start-up.</summary>
    public bool ImportOnStartup { get; set; } = true;
}
