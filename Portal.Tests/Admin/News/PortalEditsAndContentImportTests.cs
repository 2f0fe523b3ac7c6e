using Portal.Content;

namespace Portal.Tests.Admin.News;

/// <summary>The app importing a copy of content/ that a test may change.</summary>
public sealed class ContentCopyFactory : ContentFolderFactory
{
    public ContentCopyFactory() => CopyAllShipped();
}

public class PortalEditsAndContentImportTests(ContentCopyFactory factory) : IClassFixture<ContentCopyFactory>
{
    private const string Slug = "cara-membuat-kartu-kuning-ak-1-bagi-pencari-kerja-kota-serang";

    [Fact]
    public async Task An_article_renamed_in_the_portal_is_not_imported_again_under_its_old_slug_when_its_file_changes()
    {
        var client = await factory.ClientInRoleAsync(Roles.Editor);
        var id = await factory.WithDbAsync(db => db.Articles.Where(a => a.Slug == Slug).Select(a => a.Id).SingleAsync());
        var form = await client.EditArticleFormAsync(id);
        await client.ClickAsync(form, "Simpan", new Dictionary<string, string>
        {
            ["Input.Slug"] = "cara-membuat-kartu-kuning-ak-1",
            ["Input.Body"] = "Versi portal.",
        });
        await File.AppendAllTextAsync(Path.Combine(factory.ContentPath, "news", Slug + ".md"), "\nParagraf tambahan di berkas.\n");

        var first = await ImportAsync();
        var second = await ImportAsync();

        Assert.Equal(1, first.KeptPortalVersion);
        Assert.Equal(0, first.Added);
        Assert.Equal(0, second.KeptPortalVersion);
        var articles = await factory.WithDbAsync(db => db.Articles.AsNoTracking().Where(a => a.Slug.StartsWith("cara-membuat-kartu-kuning")).ToListAsync());
        var article = Assert.Single(articles);
        Assert.Equal("cara-membuat-kartu-kuning-ak-1", article.Slug);
        Assert.Equal("Versi portal.", article.BodyMarkdown);
        Assert.Equal(ContentOrigin.Portal, article.Origin);
    }

    private async Task<ContentImportReport> ImportAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(CancellationToken.None);
    }
}
