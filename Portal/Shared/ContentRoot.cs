namespace Portal.Shared;

/// <summary>
/// Finds the folder that holds appsettings.json, wwwroot/ and content/: the repository root
/// during development, the publish folder in production. Resolved from the app's own location,
/// not the working directory, so `dotnet run --project Portal` from the root and a published
/// binary started from anywhere read the same files.
/// </summary>
public static class ContentRoot
{
    /// <summary>Environment variable that overrides the search (for unusual deployments).</summary>
    public const string OverrideVariable = "PORTAL_CONTENT_ROOT";

    public static string Resolve()
    {
        var configured = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (IsContentRoot(dir.FullName))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No content root (a folder with appsettings.json, wwwroot/ and content/) above {AppContext.BaseDirectory}. " +
            $"Set {OverrideVariable}.");
    }

    private static bool IsContentRoot(string path) =>
        File.Exists(Path.Combine(path, "appsettings.json"))
        && Directory.Exists(Path.Combine(path, "wwwroot"))
        && Directory.Exists(Path.Combine(path, "content"));
}
