namespace Portal.Tests.Browser;

/// <summary>
/// Browser tests share one running portal and one Chromium (starting either costs seconds) and run one
/// after another inside this collection; each test still gets its own browser context (own cookies).
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollectionDefinition : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
