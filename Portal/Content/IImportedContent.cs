namespace Portal.Content;

/// <summary>An item the content importer writes: it remembers the hash of the file it came from.</summary>
public interface IImportedContent
{
    ContentOrigin Origin { get; }

    string? ContentHash { get; set; }
}
