using System.Diagnostics;
using System.Text.Json;
using Portal.Content;
using Portal.Observability;

namespace Portal.Tests.Content;

/// <summary>
/// A start whose import is held up by a slow file: one news file is a named pipe, and reading it
/// waits until the test writes into it, as a file on a slow disk would. The factory does not wait
/// for the import, so the test sees the site while the import runs.
/// </summary>
public sealed class HeldImportFactory : ContentFolderFactory
{
    public HeldImportFactory()
    {
        CopyShipped("programmes/barista.md");
        File.WriteAllText(Path.Combine(ContentPath, "news", "berita-sebelum-pipa.md"), ContentImporterTests.News("Berita sebelum pipa"));
        using var mkfifo = Process.Start("mkfifo", HeldFile);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    public string HeldFile => Path.Combine(ContentPath, "news", "berita-tertahan.md");

    protected override bool AwaitContentImport => false;

    /// <summary>Lets the import read the held file (once); whoever reads it gets the text.</summary>
    public Task ReleaseAsync(string text) => File.WriteAllTextAsync(HeldFile, text);
}

public class BackgroundImportTests(HeldImportFactory factory) : IClassFixture<HeldImportFactory>
{
    private static readonly Uri Health = new(HealthEndpoint.Path, UriKind.Relative);

    [Fact]
    public async Task The_site_serves_pages_and_health_says_degraded_with_progress_while_the_import_runs()
    {
        var status = factory.Services.GetRequiredService<ContentImportStatus>();
        var monitor = factory.ClientFrom("127.0.0.1");
        try
        {
            var running = await ContentCheckAsync(monitor);
            Assert.Equal("Degraded", running.GetProperty("status").GetString());
            Assert.StartsWith("Impor konten ", running.GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Equal("Degraded", await factory.CreatePortalClient().GetStringAsync(Health));
            Assert.False(status.IsFinished);

            // Programmes come first, so the programme is served while the news still waits.
            await Eventually.TrueAsync(async () => (await ContentCheckAsync(monitor)).GetProperty("data").GetProperty("filesDone").GetInt32() >= 1, "the programme file imported");
            Assert.Equal("Impor konten berjalan: 1 dari 3 berkas.", (await ContentCheckAsync(monitor)).GetProperty("description").GetString());
            var programme = await factory.CreatePortalClient().GetPageAsync("/pelatihan/barista");
            Assert.Contains("Barista", programme.Text("h1"), StringComparison.Ordinal);
        }
        finally
        {
            await factory.ReleaseAsync(ContentImporterTests.News("Berita yang tertahan"));
        }

        await status.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        var done = await ContentCheckAsync(monitor);
        Assert.Equal("Healthy", done.GetProperty("status").GetString());
        Assert.Equal("Impor konten selesai: 3 berkas diperiksa.", done.GetProperty("description").GetString());
        var page = await factory.CreatePortalClient().GetPageAsync("/berita/berita-tertahan");
        Assert.Equal("Berita yang tertahan", page.Text("h1"));
        Assert.True(await factory.WithDbAsync(db => db.Articles.AnyAsync(a => a.Slug == "berita-sebelum-pipa")));
    }

    private static async Task<JsonElement> ContentCheckAsync(HttpClient client)
    {
        using var response = await client.GetAsync(Health);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("checks").GetProperty("content").Clone();
    }
}
