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

    private static int _nikSerial = Random.Shared.Next(0, 500_000);

    /// <summary>
    /// A complete job seeker profile with a NIK that agrees with the date of birth and gender
    /// (day + 40 for women) and is unique in the test run.
    /// </summary>
    public static JobSeekerProfile JobSeeker(
        string userId, DateOnly? dateOfBirth = null, Gender gender = Gender.Male, Kecamatan kecamatan = Kecamatan.CipocokJaya,
        EducationLevel education = EducationLevel.SmaSmk, string? fullName = null)
    {
        var born = dateOfBirth ?? new DateOnly(2000, 5, 17);
        return new JobSeekerProfile
        {
            UserId = userId,
            FullName = fullName ?? "Siti Pencari Kerja",
            Nik = Nik(born, gender),
            DateOfBirth = born,
            Gender = gender,
            Phone = "+6281234567890",
            Address = "Jl. Ahmad Yani No. 1, Kota Serang",
            Kecamatan = kecamatan,
            Education = education,
            EmploymentStatus = EmploymentStatus.Unemployed,
            UpdatedAtUtc = PortalFactory.DefaultNow.UtcDateTime,
        };
    }

    /// <summary>A consistent NIK: region 36xx (Banten) varying with the serial, DDMMYY, serial 0001–9999.</summary>
    public static string Nik(DateOnly dateOfBirth, Gender gender)
    {
        var n = Interlocked.Increment(ref _nikSerial);
        var day = dateOfBirth.Day + (gender == Gender.Female ? 40 : 0);
        return $"36{n / 9999 % 100:00}{n / 9999 / 100 % 100:00}{day:00}{dateOfBirth.Month:00}{dateOfBirth.Year % 100:00}{n % 9999 + 1:0000}";
    }
}
