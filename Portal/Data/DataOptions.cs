namespace Portal.Data;

public sealed class DataOptions
{
    public const string Section = "Portal";

    /// <summary>
    /// Folder for everything the portal writes: the SQLite file, the search index, uploads and
    /// the mail outbox. Relative paths are taken from the content root (the repository root).
    /// </summary>
    [Required]
    public string DataPath { get; set; } = "data";
}

/// <summary>The data folder resolved to an absolute path, created on first use.</summary>
public sealed class DataFolder
{
    public DataFolder(string contentRoot, DataOptions options)
    {
        Root = Path.GetFullPath(Path.Combine(contentRoot, options.DataPath));
        Directory.CreateDirectory(Root);
    }

    public const string DatabaseFileName = "portal.db";

    /// <summary>Cover images (see CoverImages).</summary>
    public const string UploadsFolder = "uploads";

    /// <summary>The data-protection keys that sign cookies and emailed links.</summary>
    public const string KeysFolder = "keys";

    public string Root { get; }

    public string DatabaseFile => Path.Combine(Root, DatabaseFileName);

    /// <summary>A sub-folder of the data folder (index, uploads, outbox), created if missing.</summary>
    public string Folder(string name)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        return path;
    }
}
