using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.News;
using Portal.Search;
using Portal.Training;

namespace Portal.Benchmarks;

/// <summary>
/// A portal database (the real schema, by the real migrations) holding the synthetic corpus as
/// published articles, so the benchmark can time the rebuild the portal itself runs at start-up:
/// read from the database, analyze, write the index.
/// </summary>
public static class PortalDatabase
{
    private const int ChunkSize = 2_000;

    private static readonly string[] TopicNames = ["Pelatihan", "Bursa Kerja", "Sertifikasi", "Kewirausahaan", "Pengumuman", "Kegiatan"];

    public static PortalDbContext Open(string file) =>
        PortalDbContexts.Create(DatabaseProvider.Sqlite, PortalDbContexts.SqliteConnectionString(file));

    /// <summary>Creates the database and stores every article of the corpus, as an editor would have published it.</summary>
    public static async Task SeedAsync(string file, IReadOnlyList<SearchDocument> corpus)
    {
        await using (var db = Open(file))
        {
            await DatabaseSetup.MigrateAsync(db, CancellationToken.None);
            var slugs = corpus.Select(d => d.ProgrammeSlug).OfType<string>().Distinct().Order(StringComparer.Ordinal);
            db.Programmes.AddRange(slugs.Select((slug, i) => new Programme
            {
                Slug = slug,
                Title = $"Pelatihan {slug.Replace('-', ' ')}",
                Summary = $"Program pelatihan {slug.Replace('-', ' ')} bagi warga Kota Serang.",
                DescriptionMarkdown = $"Program pelatihan **{slug}**.",
                SortOrder = i,
            }));
            db.Topics.AddRange(TopicNames.Select(name => new Topic { Name = name, Slug = name.ToLowerInvariant().Replace(' ', '-') }));
            await db.SaveChangesAsync();
        }

        for (var start = 0; start < corpus.Count; start += ChunkSize)
        {
            // A fresh context per chunk keeps the change tracker small.
            await using var db = Open(file);
            var programmes = await db.Programmes.ToDictionaryAsync(p => p.Slug, StringComparer.Ordinal);
            var topics = await db.Topics.OrderBy(t => t.Id).ToListAsync();
            db.Articles.AddRange(corpus.Skip(start).Take(ChunkSize).Select((document, i) => Article(document, start + i, programmes, topics)));
            await db.SaveChangesAsync();
        }
    }

    private static Article Article(SearchDocument document, int number, Dictionary<string, Programme> programmes, List<Topic> topics)
    {
        // The corpus body starts with the summary, as the index's body does; the entity keeps them apart.
        var text = document.Body[(document.Summary.Length + 2)..];
        var html = new StringBuilder();
        foreach (var paragraph in text.Split("\n\n"))
        {
            html.Append("<p>").Append(paragraph).Append("</p>\n");
        }

        return new Article
        {
            Slug = $"artikel-{number.ToString(CultureInfo.InvariantCulture)}",
            Title = document.Title,
            Summary = document.Summary,
            BodyMarkdown = text,
            BodyHtml = html.ToString(),
            BodyText = text,
            ReadingMinutes = 3,
            PublishedAtUtc = document.PublishedAtUtc!.Value,
            UpdatedAtUtc = document.PublishedAtUtc!.Value,
            Status = ArticleStatus.Published,
            Author = "Humas",
            Programme = document.ProgrammeSlug is { } slug ? programmes[slug] : null,
            // One topic each; every third article a second one, never the same as its first.
            Topics = number % 3 == 0 ? [topics[number % topics.Count], topics[(number + 1 + (number / 3 % (topics.Count - 1))) % topics.Count]] : [topics[number % topics.Count]],
        };
    }
}
