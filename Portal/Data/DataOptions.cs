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

    /// <summary>
    /// Folder of uploaded cover images. Empty: the data folder's uploads. Several nodes set it to
    /// one shared folder (an NFS or SMB mount), so that an image uploaded on one node is served by
    /// all. Relative paths are taken from the content root, like <see cref="DataPath"/>.
    /// </summary>
    public string UploadsPath { get; set; } = string.Empty;
}

/// <summary>The data folder resolved to an absolute path, created on first use.</summary>
public sealed class DataFolder
{
    private readonly string _uploads;

    public DataFolder(string contentRoot, DataOptions options)
    {
        Root = Path.GetFullPath(Path.Combine(contentRoot, options.DataPath));
        Directory.CreateDirectory(Root);
        _uploads = string.IsNullOrWhiteSpace(options.UploadsPath)
            ? Path.Combine(Root, UploadsFolder)
            : Path.GetFullPath(Path.Combine(contentRoot, options.UploadsPath));
    }

    public const string DatabaseFileName = "portal.db";

    /// <summary>Cover images (see CoverImages).</summary>
    public const string UploadsFolder = "uploads";

    /// <summary>The data-protection keys that sign cookies and emailed links.</summary>
    public const string KeysFolder = "keys";

    public string Root { get; }

    public string DatabaseFile => Path.Combine(Root, DatabaseFileName);

    /// <summary>
    /// A sub-folder of the data folder (index, keys, outbox), created if missing; for
    /// <see cref="UploadsFolder"/>, the uploads wherever <see cref="DataOptions.UploadsPath"/> puts them.
    /// </summary>
    public string Folder(string name)
    {
        var path = name == UploadsFolder ? _uploads : Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        return path;
    }
}
