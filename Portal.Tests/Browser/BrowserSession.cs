using Microsoft.Playwright;

namespace Portal.Tests.Browser;

/// <summary>
/// One person's browser: its own context (cookies, storage) and one page. It records what a user would not
/// see but a broken page shows in the console — script errors, requests that failed or answered 4xx/5xx
/// (a missing stylesheet, a script blocked by the Content-Security-Policy) — so tests can assert there were none.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    /// <summary>Generous for a shared 2-core machine; Playwright waits only as long as a condition is false.</summary>
    private const float TimeoutMs = 15_000;

    private readonly List<string> _problems = [];

    private BrowserSession(IBrowserContext context, IPage page, Device device)
    {
        Context = context;
        Page = page;
        Device = device;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public Device Device { get; }

    /// <summary>Script errors and failed sub-resource requests seen so far, one line each.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                return [.. _problems];
            }
        }
    }

    internal static async Task<BrowserSession> StartAsync(IBrowserContext context, Device device)
    {
        context.SetDefaultTimeout(TimeoutMs);
        context.SetDefaultNavigationTimeout(TimeoutMs);
        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page, device);
        page.PageError += (_, error) => session.Record($"script error: {error}");
        page.Console += (_, message) =>
        {
            // "Failed to load resource" repeats a response that Response below judges (a 404 page is meant to be a 404).
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                session.Record($"console error: {message.Text}");
            }
        };
        page.RequestFailed += (_, request) => session.Record($"request failed: {request.Url} ({request.Failure})");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !response.Request.IsNavigationRequest)
            {
                session.Record($"HTTP {response.Status}: {response.Url}");
            }
        };
        return session;
    }

    /// <summary>Opens a path of the portal and returns the HTTP status of the page itself.</summary>
    public async Task<int> GotoAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        return response?.Status ?? throw new InvalidOperationException($"No response for {path}.");
    }

    public void AssertNoProblems()
    {
        var problems = Problems;
        Assert.True(problems.Count == 0, $"The browser saw problems on {Page.Url}:\n{string.Join('\n', problems)}");
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();

    private void Record(string problem)
    {
        lock (_problems)
        {
            _problems.Add(problem);
        }
    }
}
