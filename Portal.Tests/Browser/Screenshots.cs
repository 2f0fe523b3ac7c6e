using Microsoft.Playwright;
using Portal.Shared;

namespace Portal.Tests.Browser;

/// <summary>
/// Screenshots written as test output, for people to look at: TestResults/screenshots/ under the repository
/// root (git-ignored), named page-device.png, replaced on every run.
/// </summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(ContentRoot.Resolve(), "TestResults", "screenshots");

    /// <summary>The whole page, top to bottom, as it looks on the session's device.</summary>
    public static async Task<string> SaveAsync(BrowserSession session, string pageName)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{pageName}-{session.Device.Name}.png");
        await session.Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
