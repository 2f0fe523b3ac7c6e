using System.Globalization;
using System.Text;

namespace Portal.Benchmarks;

/// <summary>
/// Synthetic press releases as Markdown files in the real content/news format (front matter as
/// content/README.md describes it), as a humas office's archive would arrive: the corpus text of
/// <see cref="SyntheticCorpus"/> with a heading, a list and bold words, so the import renders and
/// sanitizes real Markdown.
/// </summary>
public static class PressReleaseFiles
{
    public const string SlugPrefix = "arsip-siaran-pers-";

    /// <summary>Programmes shipped in content/programmes: a file naming any other is skipped by the import.</summary>
    private static readonly string[] ShippedProgrammes = ["soft-skill", "public-speaking", "sablon", "barista", "digital-marketing"];

    private static readonly string[] Tags = ["Pelatihan", "APBD", "APBN", "Bursa Kerja", "Penempatan Kerja", "Sertifikasi", "Kewirausahaan"];

    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    public static void Write(string newsFolder, SyntheticCorpus corpus, int count)
    {
        Directory.CreateDirectory(newsFolder);
        Parallel.For(0, count, number =>
        {
            var slug = SlugPrefix + number.ToString("D6", CultureInfo.InvariantCulture);
            File.WriteAllText(Path.Combine(newsFolder, slug + ".md"), Markdown(corpus, number), new UTF8Encoding(false));
        });
    }

    private static string Markdown(SyntheticCorpus corpus, int number)
    {
        var document = corpus.Article(number);
        var paragraphs = document.Body[(document.Summary.Length + 2)..].Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        var published = document.PublishedAtUtc!.Value + Wib;
        var programme = document.ProgrammeSlug is { } slug && ShippedProgrammes.Contains(slug) ? slug : null;
        var tags = number % 3 == 0 ? new[] { Tags[number % Tags.Length], Tags[(number + 1) % Tags.Length] } : [Tags[number % Tags.Length]];

        var text = new StringBuilder(document.Body.Length + 600);
        text.Append("---\n")
            .Append("title: \"").Append(document.Title).Append("\"\n")
            .Append("date: ").Append(published.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append('\n')
            .Append("summary: \"").Append(document.Summary).Append("\"\n")
            .Append("tags: [").Append(string.Join(", ", tags)).Append("]\n");
        if (programme is not null)
        {
            text.Append("programme: ").Append(programme).Append('\n');
        }

        text.Append("author: Humas Disnakertrans Kota Serang\n---\n");
        for (var i = 0; i < paragraphs.Length; i++)
        {
            if (i == 1)
            {
                text.Append("## ").Append(FirstWords(paragraphs[i], 5)).Append("\n\n");
            }

            if (i == 2)
            {
                foreach (var item in paragraphs[i].Split(". ", StringSplitOptions.RemoveEmptyEntries).Take(4))
                {
                    text.Append("- ").Append(item.TrimEnd('.')).Append('\n');
                }

                text.Append('\n');
                continue;
            }

            var words = paragraphs[i].Split(' ');
            if (words.Length > 6)
            {
                words[3] = $"**{words[3]}**";
            }

            text.Append(string.Join(' ', words)).Append("\n\n");
        }

        return text.ToString();
    }

    private static string FirstWords(string paragraph, int count)
    {
        var heading = string.Join(' ', paragraph.Split(' ').Take(count)).TrimEnd('.');
        return char.ToUpperInvariant(heading[0]) + heading[1..];
    }
}
