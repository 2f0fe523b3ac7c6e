using Microsoft.Playwright;

namespace Portal.Tests.Browser;

/// <summary>
/// One running portal (<see cref="KestrelPortalFactory"/>) and one headless Debian Chromium driven by
/// Playwright, shared by the <see cref="BrowserCollectionDefinition"/>. Tests open a <see cref="BrowserSession"/> each:
/// a fresh browser context, so cookies and sign-ins never leak from one test into another.
/// </summary>
/// <remarks>
/// Playwright's own browser download cannot work on our machines (no network but package registries), so
/// Chromium is the system one: /usr/bin/chromium from Debian's `chromium` package, which ./test.sh installs,
/// or the executable named by PORTAL_CHROMIUM. A missing Chromium fails every browser test with a message
/// saying what to install; browser tests are never skipped silently.
/// </remarks>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "PORTAL_CHROMIUM";
    public const string DefaultChromium = "/usr/bin/chromium";

    /// <summary>
    /// Keep Chromium off the network (our machines reach nothing but package registries, and every refused
    /// background connection costs time) and free of first-run work. No --user-data-dir: Playwright gives
    /// every launch a fresh temporary profile of its own and deletes it on close.
    /// </summary>
    private static readonly string[] ChromiumArguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public KestrelPortalFactory Portal { get; } = new();

    /// <summary>The portal's address, e.g. http://127.0.0.1:41873/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public static string ChromiumPath() => InstalledTool.Find(ChromiumVariable, DefaultChromium, path =>
        $"The browser tests need Chromium at {path}, and it is not there. Run ./test.sh (it installs Debian's " +
        $"'chromium' package when it can), or install it as root: apt-get update && apt-get install -y chromium. " +
        $"Another Chromium or Chrome can be named with {ChromiumVariable}=/path/to/chrome.");

    public async Task InitializeAsync()
    {
        try
        {
            var chromium = ChromiumPath();
            // Expect(...) polls until its condition holds; a loaded 2-core machine needs more than the 5 s default.
            Assertions.SetDefaultExpectTimeout(10_000);
            BaseAddress = Portal.Start();
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ChromiumArguments,
            });
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A new browser context and page, as one person on one device, at the portal's address.</summary>
    public async Task<BrowserSession> OpenAsync(Device device)
    {
        var browser = _browser ?? throw new InvalidOperationException("Chromium did not start; see the fixture's error.");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = device.Width, Height = device.Height },
            IsMobile = device.IsMobile,
            HasTouch = device.IsMobile,
            // A reader in Kota Serang: Indonesian browser, WIB clock.
            Locale = "id-ID",
            TimezoneId = "Asia/Jakarta",
        });
        return await BrowserSession.StartAsync(context, device);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;
        await Portal.DisposeAsync();
    }
}
