using Portal.Content;
using Portal.News;
using Portal.Search;
using Portal.Training;

namespace Portal.Tests.Search;

/// <summary>
/// Every change to what is public reaches search through the one path (the change log and its
/// follower), whoever saves it; nothing unpublished is ever found.
/// </summary>
public class SearchLifecycleTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_published_article_is_found_right_after_it_is_saved()
    {
        var word = SearchWords.Unique();
        var article = TestData.Article(title: $"Pelatihan {word} dibuka", publishedAtUtc: Now().AddMinutes(-1));
        await factory.AddAsync(article);

        await factory.SearchCaughtUpAsync();
        var page = await factory.CreatePortalClient().GetPageAsync($"/cari?q={word}");

        var result = Assert.Single(page.QuerySelectorAll(".search-result"));
        Assert.Equal($"/berita/{article.Slug}", result.QuerySelector("h3 a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Among_equal_matches_the_newer_article_ranks_first()
    {
        var word = SearchWords.Unique();
        // Saved first, so without the recency boost the older one would win the tie.
        var older = TestData.Article(title: $"Pelatihan {word} dibuka", publishedAtUtc: Now().AddDays(-400));
        var newer = TestData.Article(title: $"Pelatihan {word} dibuka", publishedAtUtc: Now().AddDays(-2));
        await factory.WithDbAsync(async db =>
        {
            db.Articles.Add(older);
            await db.SaveChangesAsync();
            db.Articles.Add(newer);
            await db.SaveChangesAsync();
        });

        await factory.SearchCaughtUpAsync();

        Assert.Equal([$"/berita/{newer.Slug}", $"/berita/{older.Slug}"], factory.Search(word).Urls());
    }

    [Fact]
    public async Task A_draft_is_not_found_until_it_is_published_and_not_after_it_is_unpublished()
    {
        var word = SearchWords.Unique();
        var article = TestData.Article(title: $"Rencana {word}", status: ArticleStatus.Draft, publishedAtUtc: Now().AddMinutes(-1));
        await factory.AddAsync(article);
        await factory.SearchCaughtUpAsync();
        Assert.Empty(factory.Search(word).Hits);

        await SetStatusAsync(article.Id, ArticleStatus.Published);
        await factory.SearchCaughtUpAsync();
        Assert.Single(factory.Search(word).Hits);

        await SetStatusAsync(article.Id, ArticleStatus.Archived);
        await factory.SearchCaughtUpAsync();
        Assert.Empty(factory.Search(word).Hits);
        var page = await factory.CreatePortalClient().GetPageAsync($"/cari?q={word}");
        Assert.Empty(page.QuerySelectorAll(".search-result"));
        Assert.Contains("Tidak ada hasil", page.Text(".search-empty"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_article_is_no_longer_found()
    {
        var word = SearchWords.Unique();
        var article = TestData.Article(title: $"Berita {word}", publishedAtUtc: Now().AddMinutes(-1));
        await factory.AddAsync(article);
        await factory.SearchCaughtUpAsync();
        Assert.Single(factory.Search(word).Hits);

        await factory.WithDbAsync(async db =>
        {
            db.Articles.Remove(await db.Articles.SingleAsync(a => a.Id == article.Id));
            await db.SaveChangesAsync();
        });
        await factory.SearchCaughtUpAsync();

        Assert.Empty(factory.Search(word).Hits);
    }

    [Fact]
    public async Task A_scheduled_article_appears_when_its_time_comes_without_being_saved_again()
    {
        var word = SearchWords.Unique();
        await factory.AddAsync(TestData.Article(title: $"Jadwal {word}", publishedAtUtc: Now().AddHours(2)));
        await factory.SearchCaughtUpAsync();
        Assert.Empty(factory.Search(word).Hits);

        factory.Clock.Advance(TimeSpan.FromHours(3));

        Assert.Single(factory.Search(word).Hits);
    }

    [Fact]
    public async Task An_edited_title_and_a_new_topic_are_searchable_at_once()
    {
        var (oldWord, newWord, topicWord) = (SearchWords.Unique(), SearchWords.Unique(), SearchWords.Unique());
        var article = TestData.Article(title: $"Judul {oldWord}", publishedAtUtc: Now().AddMinutes(-1));
        await factory.AddAsync(article);

        await factory.WithDbAsync(async db =>
        {
            var stored = await db.Articles.Include(a => a.Topics).SingleAsync(a => a.Id == article.Id);
            stored.Title = $"Judul {newWord}";
            stored.Topics.Add(TestData.Topic($"Topik {topicWord}"));
            await db.SaveChangesAsync();
        });
        await factory.SearchCaughtUpAsync();

        Assert.Empty(factory.Search(oldWord).Hits);
        Assert.Contains(newWord, Assert.Single(factory.Search(newWord).Hits).TitleHtml, StringComparison.Ordinal);
        Assert.Single(factory.Search(topicWord).Hits);
    }

    [Fact]
    public async Task Batches_follow_their_own_changes_and_their_programme()
    {
        var (batchWord, programmeWord, renamedWord) = (SearchWords.Unique(), SearchWords.Unique(), SearchWords.Unique());
        var programme = TestData.Programme($"Pelatihan {programmeWord}");
        var batch = TestData.Batch(programme, Wib(-5), Wib(10));
        batch.Name = $"Gelombang {batchWord}";
        await factory.AddAsync(batch);
        await factory.SearchCaughtUpAsync();
        Assert.Contains(factory.Search(batchWord).Hits, h => h.Url.EndsWith($"#gelombang-{batch.Key}", StringComparison.Ordinal));

        await factory.WithDbAsync(async db =>
        {
            (await db.Programmes.SingleAsync(p => p.Id == programme.Id)).Title = $"Pelatihan {renamedWord}";
            await db.SaveChangesAsync();
        });
        await factory.SearchCaughtUpAsync();
        var renamed = factory.Search(renamedWord, kind: "gelombang");
        Assert.Contains(renamed.Hits, h => h.Url.EndsWith($"#gelombang-{batch.Key}", StringComparison.Ordinal));

        await factory.WithDbAsync(async db =>
        {
            db.Programmes.Remove(await db.Programmes.Include(p => p.Batches).SingleAsync(p => p.Id == programme.Id));
            await db.SaveChangesAsync();
        });
        await factory.SearchCaughtUpAsync();
        Assert.Empty(factory.Search(renamedWord).Hits);
        Assert.Empty(factory.Search(batchWord).Hits);
    }

    [Fact]
    public async Task A_batch_shows_whether_registration_is_open_at_the_time_of_the_search()
    {
        var word = SearchWords.Unique();
        var programme = TestData.Programme($"Pelatihan {word}");
        var batch = TestData.Batch(programme, Wib(1), Wib(5));
        await factory.AddAsync(batch);
        await factory.SearchCaughtUpAsync();
        var hit = Assert.Single(factory.Search(word, kind: "gelombang").Hits);

        Assert.Equal(BatchStatus.Upcoming, hit.BatchStatusAt(Now()));
        Assert.Equal(BatchStatus.Open, hit.BatchStatusAt(Now().AddDays(2)));
        Assert.Equal(BatchStatus.Closed, hit.BatchStatusAt(Now().AddDays(7)));
    }

    private DateTime Now() => factory.Clock.GetUtcNow().UtcDateTime;

    private DateTime Wib(int days) => Portal.Shared.Wib.ToWib(Now()).AddDays(days);

    private Task SetStatusAsync(int articleId, ArticleStatus status) => factory.WithDbAsync(async db =>
    {
        (await db.Articles.SingleAsync(a => a.Id == articleId)).Status = status;
        await db.SaveChangesAsync();
    });
}

/// <summary>A content folder of its own, to add and change files and run the importer again.</summary>
public sealed class OwnContentFactory : ContentFolderFactory
{
    public OwnContentFactory() => CopyShipped("programmes/barista.md");
}

public class SearchContentImportTests(OwnContentFactory factory) : IClassFixture<OwnContentFactory>
{
    [Fact]
    public async Task Imported_content_is_searchable_and_a_changed_file_updates_the_result()
    {
        var (word, changed) = (SearchWords.Unique(), SearchWords.Unique());
        var file = Path.Combine(factory.ContentPath, "news", "pelatihan-baru-dibuka.md");
        await File.WriteAllTextAsync(file, Article($"Pelatihan {word} dibuka"));

        await ImportAsync();
        await factory.SearchCaughtUpAsync();
        Assert.Equal("/berita/pelatihan-baru-dibuka", Assert.Single(factory.Search(word).Hits).Url);

        await File.WriteAllTextAsync(file, Article($"Pelatihan {changed} dibuka"));
        await ImportAsync();
        await factory.SearchCaughtUpAsync();
        Assert.Empty(factory.Search(word).Hits);
        Assert.Single(factory.Search(changed).Hits);
    }

    private static string Article(string title) =>
        $"---\ntitle: \"{title}\"\ndate: 2025-11-20 09:00\nsummary: \"Ringkasan pelatihan.\"\nprogramme: barista\n---\nIsi berita tentang pelatihan.\n";

    private async Task ImportAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(CancellationToken.None);
        Assert.Empty(report.Skipped);
    }
}

public static class SearchWords
{
    /// <summary>
    /// A made-up word no content has, that the analyzers keep whole: letters only, starting with
    /// "zq" and ending in "x", so no Indonesian prefix or suffix is stripped.
    /// </summary>
    public static string Unique() => "zq" + string.Concat(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('g' + (c % 16)))) + "x";
}
