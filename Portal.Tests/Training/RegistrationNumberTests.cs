using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Training;

namespace Portal.Tests.Training;

/// <summary>Registration numbers: their shape, uniqueness, that one tells nothing of the next, and the numbering of older applications.</summary>
public partial class RegistrationNumberTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("PLT-2026-000123", "PLT-2026-000123")]
    [InlineData(" plt-2025-483920 ", "PLT-2025-483920")]
    [InlineData("PLT-2025-48392", null)]
    [InlineData("PLT-2025-4839201", null)]
    [InlineData("PLT-25-483920", null)]
    [InlineData("ABC-2025-483920", null)]
    [InlineData("PLT-2025-48392O", null)]
    [InlineData("PLT-2025-483920/../x", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_number_is_read_in_its_one_shape_or_not_at_all(string? typed, string? stored) =>
        Assert.Equal(stored, RegistrationNumbers.Normalize(typed));

    [Fact]
    public async Task Every_application_gets_its_own_number_of_the_year_and_numbers_do_not_follow_one_another()
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var numbers = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            var user = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id));
            numbers.Add((await factory.SubmitApplicationAsync(user.Id, batch.Id)).RegistrationNumber!);
        }

        Assert.All(numbers, n => Assert.Matches(Shape(), n));
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        var serials = numbers.Select(n => int.Parse(n[^6..], CultureInfo.InvariantCulture)).ToList();
        // Counted numbers would rise by one each time; drawn ones neither rise steadily nor sit next to each other.
        Assert.NotEqual(serials.Order().ToList(), serials);
        Assert.DoesNotContain(serials.Zip(serials.Skip(1)), pair => Math.Abs(pair.Second - pair.First) == 1);
        var stored = await factory.WithDbAsync(db => db.Applications.Where(a => a.BatchId == batch.Id).Select(a => a.RegistrationNumber).ToListAsync());
        Assert.Equal(numbers.Order(), stored.Order());
    }

    [Fact]
    public async Task Applications_stored_before_numbers_existed_are_numbered_at_start_up_by_the_year_they_were_made_and_numbers_never_change()
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        var user = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id));
        var numbered = await factory.SubmitApplicationAsync(user.Id, batch.Id);
        var old = new Application
        {
            BatchId = batch.Id,
            ConsentTextVersion = "uji",
            Kecamatan = Kecamatan.Serang,
            Education = EducationLevel.SmaSmk,
            AgeAtStart = 25,
            CreatedAtUtc = new DateTime(2024, 12, 31, 18, 0, 0, DateTimeKind.Utc), // 1 January 2025, 01:00 WIB
            ConsentedAtUtc = new DateTime(2024, 12, 31, 18, 0, 0, DateTimeKind.Utc),
        };
        await factory.AddAsync(old);

        var numbering = new RegistrationNumbering(factory.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<RegistrationNumbering>.Instance);
        await numbering.StartAsync(CancellationToken.None);
        var first = await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == old.Id).Select(a => a.RegistrationNumber).SingleAsync());
        await numbering.StartAsync(CancellationToken.None);

        Assert.Matches(@"^PLT-2025-\d{6}$", first);
        Assert.Equal(first, await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == old.Id).Select(a => a.RegistrationNumber).SingleAsync()));
        Assert.Equal(numbered.RegistrationNumber, await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == numbered.Id).Select(a => a.RegistrationNumber).SingleAsync()));
    }

    [GeneratedRegex(@"^PLT-2025-\d{6}$")]
    private static partial Regex Shape();
}
