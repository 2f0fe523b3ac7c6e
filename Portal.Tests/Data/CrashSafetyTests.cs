using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Portal.Admin;
using Portal.Admin.Users;
using Portal.Data;
using Portal.News;
using Portal.Shared;
using Portal.Tests.Search;
using Xunit.Abstractions;

namespace Portal.Tests.Data;

/// <summary>
/// The real portal (`dotnet Portal.dll`, Production) killed with SIGKILL while an editor publishes
/// over HTTP, three times, and started again on the same data folder each time: every publication
/// the portal acknowledged (its redirect after the save) is in the database, with its audit entry,
/// and search finds exactly what the database holds once the restarted portal has caught up.
/// </summary>
public sealed partial class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private const int Cycles = 3;
    private const int WritersPerCycle = 2;

    /// <summary>Acknowledged publications before each kill: enough that the kill lands among writes under way.</summary>
    private const int WritesPerCycle = 8;

    private const string Email = "admin-kilat@contoh.go.id";
    private const string Password = "Kilat-Serang-Pulih-2025";

    private readonly string _dataPath = PortalFactory.NewDataPath();

    [Fact]
    public async Task Every_acknowledged_publication_survives_kill_9_and_search_is_in_step_after_the_restart()
    {
        using var portal = new PortalProcess(_dataPath);
        var created = await portal.RunCommandAsync(new Dictionary<string, string> { [AdminCommand.PasswordVariable] = Password }, "admin", "create", "--email", Email);
        Assert.True(created == 0, portal.Output);
        await portal.StartAsync();

        // One cookie jar for the whole test: the session outlives the restarts (its keys are in the data folder).
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = portal.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using (var signedIn = await client.SignInAsync(Email, Password))
        {
            Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect && signedIn.Headers.Location?.OriginalString != AccountLinks.SignIn,
                $"sign-in answered {(int)signedIn.StatusCode} {signedIn.Headers.Location}\n{portal.Output}");
        }

        var published = new List<(string Word, List<int> Acknowledged)>();
        for (var cycle = 1; cycle <= Cycles; cycle++)
        {
            if (cycle > 1)
            {
                await portal.StartAsync();
                await AssertInStepAsync(client, published);
            }

            var word = SearchWords.Unique();
            var acknowledged = new List<int>();
            published.Add((word, acknowledged));
            var writers = Enumerable.Range(1, WritersPerCycle).Select(writer => PublishUntilKilledAsync(client, $"{word} {writer}", acknowledged)).ToArray();
            await Eventually.TrueAsync(() => Task.FromResult(Count(acknowledged) >= WritesPerCycle || writers.Any(w => w.IsCompleted)), $"{WritesPerCycle} publications in cycle {cycle}");
            portal.Kill();
            await Task.WhenAll(writers);
            Assert.True(Count(acknowledged) >= WritesPerCycle, $"cycle {cycle}: writers stopped after {Count(acknowledged)} publications\n{portal.Output}");
        }

        await portal.StartAsync();
        await AssertInStepAsync(client, published);
    }

    public void Dispose()
    {
        TestDatabase.Drop(_dataPath);
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner; it never affects another test.
        }
    }

    /// <summary>
    /// An editor pressing "Terbitkan sekarang" again and again until the server goes away. A
    /// publication counts once the portal has answered with its redirect to the saved article;
    /// the one under way when the process dies may or may not be saved, and is not counted.
    /// </summary>
    private static Task PublishUntilKilledAsync(HttpClient client, string titleWords, List<int> acknowledged) => Task.Run(async () =>
    {
        IHtmlFormElement form;
        try
        {
            form = await client.NewArticleFormAsync();
        }
        catch (HttpRequestException)
        {
            return;
        }

        for (var n = 1; ; n++)
        {
            HttpResponseMessage response;
            try
            {
                response = await client.ClickAsync(form, "Terbitkan sekarang", new Dictionary<string, string>
                {
                    ["Input.Title"] = $"Kilat {titleWords} {n}",
                    ["Input.Summary"] = $"Ringkasan kilat {titleWords} {n}.",
                    ["Input.Body"] = "Isi berita yang ditulis saat server dimatikan paksa.",
                });
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return;
            }

            using (response)
            {
                var saved = response.StatusCode == HttpStatusCode.Redirect ? SavedArticle().Match(response.Headers.Location?.OriginalString ?? string.Empty) : Match.Empty;
                Assert.True(saved.Success, $"publishing answered {(int)response.StatusCode} {response.Headers.Location}");
                lock (acknowledged)
                {
                    acknowledged.Add(int.Parse(saved.Groups[1].Value, CultureInfo.InvariantCulture));
                }
            }
        }
    });

    /// <summary>Every acknowledged article published, with its audit entry, and search finding exactly the articles the database holds.</summary>
    private async Task AssertInStepAsync(HttpClient client, List<(string Word, List<int> Acknowledged)> published)
    {
        foreach (var (word, acknowledged) in published)
        {
            await using var db = OpenDatabase();
            var saved = await db.Articles.Where(a => a.Title.Contains(word)).Select(a => new { a.Id, a.Status }).ToListAsync();
            Assert.Subset(saved.Select(a => a.Id).ToHashSet(), acknowledged.ToHashSet());
            Assert.All(saved, a => Assert.Equal(ArticleStatus.Published, a.Status));
            Assert.Equal(saved.Count, await db.AuditEntries.CountAsync(e => e.Action == AuditAction.ArticlePublished && e.Target.Contains(word)));
            output.WriteLine($"{word}: {acknowledged.Count} acknowledged, {saved.Count} saved");

            var found = await SearchTotalAsync(client, word);
            await Eventually.TrueAsync(
                async () =>
                {
                    if (found != saved.Count)
                    {
                        // A few searches a second, not more: the restarted portal catches up in the background.
                        await Task.Delay(200);
                        found = await SearchTotalAsync(client, word);
                    }

                    return found == saved.Count;
                },
                $"search for {word} to find the {saved.Count} articles the database holds");
        }
    }

    /// <summary>The number of results /cari reports, or -1 while the index is being prepared.</summary>
    private static async Task<int> SearchTotalAsync(HttpClient client, string word)
    {
        using var response = await client.GetAsync(new Uri($"/cari?q={word}", UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return -1;
        }

        var summary = (await Html.ParseAsync(response)).QuerySelector(".search-summary")?.TextContent ?? string.Empty;
        var total = SearchTotal().Match(summary);
        return total.Success ? int.Parse(total.Groups[1].Value, NumberStyles.AllowThousands, Wib.Culture) : -1;
    }

    private PortalDbContext OpenDatabase() => TestDatabase.Open(_dataPath);

    private static int Count(List<int> acknowledged)
    {
        lock (acknowledged)
        {
            return acknowledged.Count;
        }
    }

    [GeneratedRegex(@"^/admin/berita/(\d+)$")]
    private static partial Regex SavedArticle();

    [GeneratedRegex(@"^\s*([\d.]+) hasil")]
    private static partial Regex SearchTotal();
}
