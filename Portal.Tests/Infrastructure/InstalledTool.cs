namespace Portal.Tests.Infrastructure;

/// <summary>
/// A program the browser and deployment tests drive (Chromium, nginx): the system package's path, or
/// the one an environment variable names. A missing program fails the tests with what to install,
/// never skips them.
/// </summary>
public static class InstalledTool
{
    public static string Find(string variable, string defaultPath, Func<string, string> howToInstall)
    {
        var configured = Environment.GetEnvironmentVariable(variable);
        var path = string.IsNullOrWhiteSpace(configured) ? defaultPath : configured;
        return File.Exists(path) ? path : throw new InvalidOperationException(howToInstall(path));
    }
}
