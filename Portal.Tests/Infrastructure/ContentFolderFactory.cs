using Portal.Content;
using Portal.Shared;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The app importing a content folder of its own inside its data folder, with news/ and programmes/
/// and what the subclass copies or writes there, so tests may change content without touching the
/// shipped content/.
/// </summary>
public abstract class ContentFolderFactory : PortalFactory
{
    private static readonly string[] Folders = ["news", "programmes"];

    protected ContentFolderFactory()
    {
        ContentPath = Path.Combine(DataPath, "content");
        foreach (var folder in Folders)
        {
            Directory.CreateDirectory(Path.Combine(ContentPath, folder));
        }
    }

    public string ContentPath { get; }

    protected static string ShippedContent => Path.Combine(ContentRoot.Resolve(), "content");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"{ContentOptions.Section}:{nameof(ContentOptions.Path)}"] = ContentPath,
    };

    /// <summary>Copies one shipped file, named relative to content/ ("programmes/barista.md").</summary>
    protected void CopyShipped(string relativePath) =>
        File.Copy(Path.Combine(ShippedContent, relativePath), Path.Combine(ContentPath, relativePath));

    /// <summary>Copies every shipped Markdown file of news/ and programmes/.</summary>
    protected void CopyAllShipped()
    {
        foreach (var folder in Folders)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(ShippedContent, folder), "*.md"))
            {
                CopyShipped(Path.GetRelativePath(ShippedContent, file));
            }
        }
    }
}
