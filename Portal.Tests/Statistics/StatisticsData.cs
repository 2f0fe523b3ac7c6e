using Portal.Training;

namespace Portal.Tests.Statistics;

/// <summary>Crafted statistics data: a programme of its own per test, batches in a chosen year, applications inserted as rows.</summary>
public static class StatisticsData
{
    /// <summary>A batch of a new programme (or the given one) whose training starts early in the given year.</summary>
    public static Batch Batch(Programme? programme = null, int year = 2025, FundingSource funding = FundingSource.Apbn, int seats = 20, bool demo = false)
    {
        var batch = TestData.Batch(programme ?? TestData.Programme(), new DateTime(year, 1, 2, 8, 0, 0), new DateTime(year, 1, 20, 0, 0, 0), seats: seats, funding: funding);
        batch.IsDemo = demo;
        if (programme is { Id: > 0 })
        {
            // Already saved by an earlier step of the test: referred to by its key, not inserted again.
            batch.Programme = null;
            batch.ProgrammeId = programme.Id;
        }

        return batch;
    }

    /// <summary>
    /// An application of a deleted (anonymised) account, as its row and history would be after staff
    /// moved it to <paramref name="status"/>: the statistics count these like any other.
    /// </summary>
    public static Application Application(
        Batch batch, ApplicationStatus status = ApplicationStatus.Diajukan, Kecamatan kecamatan = Kecamatan.Serang, Gender gender = Gender.Male,
        int age = 22, EducationLevel education = EducationLevel.SmaSmk)
    {
        var at = PortalFactory.DefaultNow.UtcDateTime;
        var application = new Application
        {
            Batch = batch,
            UserId = null,
            Status = status,
            ConsentTextVersion = "uji",
            ConsentedAtUtc = at,
            Kecamatan = kecamatan,
            Gender = gender,
            AgeAtStart = age,
            Education = education,
            CreatedAtUtc = at,
        };
        application.History.Add(new ApplicationStatusChange { From = null, To = status, AtUtc = at });
        return application;
    }

    /// <summary>Many applications alike.</summary>
    public static IEnumerable<Application> Applications(int count, Batch batch, ApplicationStatus status = ApplicationStatus.Diajukan,
        Kecamatan kecamatan = Kecamatan.Serang, Gender gender = Gender.Male, int age = 22, EducationLevel education = EducationLevel.SmaSmk) =>
        Enumerable.Range(0, count).Select(_ => Application(batch, status, kecamatan, gender, age, education));

    public static async Task SaveAsync(this PortalFactory factory, params IEnumerable<object>[] groups) =>
        await factory.WithDbAsync(async db =>
        {
            foreach (var group in groups)
            {
                db.AddRange(group);
            }

            await db.SaveChangesAsync();
        });
}
