using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portal.Admin.News;
using Portal.Data;
using SkiaSharp;

namespace Portal.Tests.Admin.News;

/// <summary>Portal:UploadsPath: nodes that share one uploads folder serve each other's covers, with the same year-long cache.</summary>
public sealed class SharedUploadsTests : IDisposable
{
    private readonly string _uploads = PortalFactory.NewDataPath();

    [Fact]
    public async Task A_cover_uploaded_on_one_node_is_served_with_its_sizes_by_another_sharing_the_uploads_folder()
    {
        using var nodeA = new SharedUploadsFactory(_uploads);
        using var nodeB = new SharedUploadsFactory(_uploads);
        var editor = await nodeA.ClientInRoleAsync(Roles.Editor);
        var form = await editor.NewArticleFormAsync();

        // Posted without the image's description: the page comes back with the stored upload's address.
        var page = await Html.ParseAsync(await editor.ClickAsync(form, "Terbitkan sekarang",
            new Dictionary<string, string>
            {
                ["Input.Title"] = $"Sampul bersama {Guid.NewGuid():N}",
                ["Input.Summary"] = "Ringkasan berita dengan sampul.",
                ["Input.Body"] = "Isi berita dengan sampul.",
            },
            new UploadFile("Cover", "foto.png", "image/png", CoverImageTests.Image(SKEncodedImageFormat.Png, 1200, 630))));
        var cover = page.QuerySelector<IHtmlInputElement>("input[name='Input.CoverImagePath']")!.Value;
        var key = Path.GetFileNameWithoutExtension(cover);

        Assert.StartsWith("/unggahan/", cover, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_uploads, key + ".jpg")));
        Assert.False(Directory.Exists(Path.Combine(nodeA.DataPath, DataFolder.UploadsFolder)) && Directory.EnumerateFiles(Path.Combine(nodeA.DataPath, DataFolder.UploadsFolder)).Any());
        var onB = nodeB.CreatePortalClient();
        foreach (var (address, mediaType) in new[] { (cover, "image/jpeg"), ($"/unggahan/{key}-480.webp", "image/webp"), ($"/unggahan/{key}-800.jpg", "image/jpeg") })
        {
            using var response = await onB.GetAsync(new Uri(address, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("max-age=31536000", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait("Database", "SqliteOnly")]
    public async Task The_backup_takes_the_covers_from_the_shared_folder_and_restores_them_into_the_one_configured()
    {
        using var node = new SharedUploadsFactory(_uploads);
        var stored = await node.Services.GetRequiredService<CoverImages>()
            .StoreAsync(new MemoryStream(CoverImageTests.Image(SKEncodedImageFormat.Png, 40, 30)), CancellationToken.None);
        var file = Path.GetFileName(stored.Value);
        var backup = PortalFactory.NewDataPath();
        var restored = PortalFactory.NewDataPath();
        var restoredUploads = PortalFactory.NewDataPath();
        try
        {
            var made = await node.Services.GetRequiredService<DataBackup>().CreateAsync(backup, CancellationToken.None);
            Assert.True(made.Manifest is not null, made.Error);
            Assert.Contains($"{DataFolder.UploadsFolder}/{file}", made.Manifest.Files.Keys);

            var folder = new DataFolder(restored, new DataOptions { DataPath = restored, UploadsPath = restoredUploads });
            var result = await new DataBackup(folder, TimeProvider.System).RestoreAsync(backup, CancellationToken.None);

            Assert.True(result.Manifest is not null, result.Error);
            Assert.True(File.Exists(Path.Combine(restoredUploads, file)));
            Assert.False(File.Exists(Path.Combine(restored, DataFolder.UploadsFolder, file)));
        }
        finally
        {
            foreach (var path in new[] { backup, restored, restoredUploads }.Where(Directory.Exists))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_uploads))
        {
            Directory.Delete(_uploads, recursive: true);
        }
    }

    private sealed class SharedUploadsFactory(string uploadsPath) : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            [$"{DataOptions.Section}:{nameof(DataOptions.UploadsPath)}"] = uploadsPath,
        };
    }
}
