using Portal.Content;
using Portal.News;
using Portal.Shared;
using Portal.Training;

namespace Portal.Tests.Infrastructure;

/// <summary>Small builders of unique test data; each test makes its own instead of sharing state.</summary>
public static class TestData
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    public static Article Article(
        string? title = null, DateTime? publishedAtUtc = null, ArticleStatus status = ArticleStatus.Published,
        string body = "Isi berita uji.", Programme? programme = null, params Topic[] topics)
    {
        var slug = Unique("berita-uji");
        return new Article
        {
            Slug = slug,
            Title = title ?? $"Berita uji {slug}",
            Summary = "Ringkasan berita uji.",
            BodyMarkdown = body,
            BodyHtml = $"<p>{body}</p>",
            BodyText = body,
            ReadingMinutes = 1,
            PublishedAtUtc = publishedAtUtc ?? PortalFactory.DefaultNow.UtcDateTime.AddDays(-1),
            Status = status,
            Author = "Humas Disnakertrans Kota Serang",
            Programme = programme,
            Topics = [.. topics],
            Origin = ContentOrigin.Portal,
            UpdatedAtUtc = PortalFactory.DefaultNow.UtcDateTime,
        };
    }

    public static Topic Topic(string? name = null)
    {
        var slug = Unique("topik");
        return new Topic { Slug = slug, Name = name ?? slug };
    }

    public static Programme Programme(string? title = null)
    {
        var slug = Unique("program");
        return new Programme { Slug = slug, Title = title ?? $"Program {slug}", Summary = "Program uji.", Origin = ContentOrigin.Portal };
    }

    /// <summary>
    /// A batch whose registration window is given in WIB wall-clock times as a content file
    /// writes them: the closing time is the last minute in which one may still apply.
    /// </summary>
    public static Batch Batch(
        Programme programme, DateTime opensWib, DateTime closesWib, int seats = 20, int? cap = null,
        FundingSource funding = FundingSource.Apbn, int? minAge = 18, int? maxAge = 35, EducationLevel? minEducation = EducationLevel.SmaSmk)
    {
        var startsOn = DateOnly.FromDateTime(closesWib).AddDays(7);
        return new Batch
        {
            Key = Unique("gelombang"),
            Programme = programme,
            Name = "Gelombang Uji",
            Funding = funding,
            Provider = "BBPVP Serang",
            Location = "Workshop BBPVP Serang",
            Seats = seats,
            RegistrationCap = cap,
            RegistrationOpensAtUtc = Wib.ToUtc(opensWib),
            RegistrationClosesAtUtc = ContentDates.EndUtc(closesWib, hasTime: true),
            TrainingStartsOn = startsOn,
            TrainingEndsOn = startsOn.AddDays(14),
            MinAge = minAge,
            MaxAge = maxAge,
            MinEducation = minEducation,
            ResidentsOnly = funding == FundingSource.Apbd,
            Origin = ContentOrigin.Portal,
        };
    }
}
