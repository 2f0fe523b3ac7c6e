using Portal.Content;
using Portal.Shared;
using Portal.Training;

namespace Portal.Tests.Content;

/// <summary>An empty content folder the tests write programme files into.</summary>
public sealed class OutcomeContentFactory : ContentFolderFactory;

/// <summary>The shipped programme files, imported on the tests' day (26 November 2025, the APBN batches in training).</summary>
public sealed class ShippedProgrammesFactory : ContentFolderFactory
{
    public ShippedProgrammesFactory()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(ShippedContent, "programmes"), "*.md"))
        {
            CopyShipped(Path.GetRelativePath(ShippedContent, file));
        }
    }
}

/// <summary>
/// A batch's recorded outcome from its programme file into the database: added, changed with the
/// file, removed with it, held while the training runs, and a broken one reported by path.
/// </summary>
public class RecordedOutcomeImportTests(OutcomeContentFactory factory) : IClassFixture<OutcomeContentFactory>
{
    [Fact]
    public async Task A_recorded_outcome_is_imported_changed_with_its_file_and_cleared_when_removed()
    {
        var slug = TestData.Unique("program");
        var outcome = """
                recorded_outcome:
                  applicants: 58
                  participants: 20
                  completed: 19
                  placed: 12
                  participants_by_kecamatan: { serang: 6, kasemen: 3, walantaka: 2, curug: 2, cipocok_jaya: 4, taktakan: 3, luar_kota_serang: 0 }
                  participants_by_gender: { laki_laki: 9, perempuan: 11 }
            """;
        var path = WriteProgramme(slug, "2025-10-06", "2025-10-24", outcome);

        await ImportAsync();
        var first = (await FindBatchAsync(slug)).RecordedOutcome!;
        Assert.Equal((58, 20, 19, 12), (first.Applicants, first.Participants, first.Completed, first.Placed));
        Assert.Equal(
            [(Kecamatan.Serang, 6), (Kecamatan.Kasemen, 3), (Kecamatan.Walantaka, 2), (Kecamatan.Curug, 2), (Kecamatan.CipocokJaya, 4), (Kecamatan.Taktakan, 3), (Kecamatan.LuarKotaSerang, 0)],
            first.ParticipantsByKecamatan.Select(k => (k.Kecamatan, k.Participants)));
        Assert.Equal([(Gender.Male, 9), (Gender.Female, 11)], first.ParticipantsByGender.Select(g => (g.Gender, g.Participants)));

        WriteProgramme(slug, "2025-10-06", "2025-10-24", outcome.Replace("placed: 12", "placed: 15", StringComparison.Ordinal)
            .Replace("participants_by_gender: { laki_laki: 9, perempuan: 11 }", string.Empty, StringComparison.Ordinal));
        var changed = await ImportAsync();
        Assert.Contains(slug, changed.ChangedProgrammeSlugs);
        var second = (await FindBatchAsync(slug)).RecordedOutcome!;
        Assert.Equal((58, 20, 19, 15), (second.Applicants, second.Participants, second.Completed, second.Placed));
        Assert.Equal(7, second.ParticipantsByKecamatan.Count);
        Assert.Empty(second.ParticipantsByGender);

        WriteProgramme(slug, "2025-10-06", "2025-10-24", string.Empty);
        await ImportAsync();
        Assert.Null((await FindBatchAsync(slug)).RecordedOutcome);
        File.Delete(path);
    }

    [Fact]
    public async Task A_recorded_outcome_of_a_batch_still_in_training_is_imported_the_day_after_it_ends()
    {
        // Relative to the clock, which only moves forward, whichever test of the class ran before.
        var today = Wib.Today(factory.Clock);
        var slug = TestData.Unique("program");
        var path = WriteProgramme(slug, $"{today.AddDays(-2):yyyy-MM-dd}", $"{today.AddDays(3):yyyy-MM-dd}", """
                recorded_outcome: { applicants: 30, participants: 16, completed: 15, placed: 4 }
            """);

        await ImportAsync();
        var batch = await FindBatchAsync(slug);
        Assert.Equal("Gelombang I", batch.Name);
        Assert.Null(batch.RecordedOutcome);

        factory.Clock.Advance(TimeSpan.FromDays(3));
        await ImportAsync();
        Assert.Null((await FindBatchAsync(slug)).RecordedOutcome);

        factory.Clock.Advance(TimeSpan.FromDays(1));
        var report = await ImportAsync();
        Assert.Contains(slug, report.ChangedProgrammeSlugs);
        Assert.Equal(15, (await FindBatchAsync(slug)).RecordedOutcome!.Completed);
        File.Delete(path);
    }

    [Fact]
    public async Task A_broken_recorded_outcome_skips_its_file_with_the_path_and_reason_and_the_others_are_imported()
    {
        var broken = TestData.Unique("program");
        var good = TestData.Unique("program");
        var brokenPath = WriteProgramme(broken, "2025-10-06", "2025-10-24", """
                recorded_outcome: { applicants: 58, participants: 20, completed: 20, placed: 21 }
            """);
        var goodPath = WriteProgramme(good, "2025-10-06", "2025-10-24", string.Empty);

        var report = await ImportAsync();

        var problem = Assert.Single(report.Skipped, p => p.Path == brokenPath);
        Assert.Equal($"batch 1 ({broken}-1): recorded_outcome.placed (21) cannot be more than completed (20)", problem.Reason);
        Assert.False(await factory.WithDbAsync(db => db.Programmes.AnyAsync(p => p.Slug == broken)));
        Assert.True(await factory.WithDbAsync(db => db.Programmes.AnyAsync(p => p.Slug == good)));
        File.Delete(brokenPath);
        File.Delete(goodPath);
    }

    private string WriteProgramme(string slug, string trainingStarts, string trainingEnds, string outcome)
    {
        var path = Path.Combine(factory.ContentPath, "programmes", slug + ".md");
        File.WriteAllText(path, ContentImporterTests.Programme(slug, "2025-09-20 23:59", trainingStarts, trainingEnds, outcome));
        return path;
    }

    private async Task<ContentImportReport> ImportAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(CancellationToken.None);
    }

    private Task<Batch> FindBatchAsync(string slug) =>
        factory.WithDbAsync(db => db.Batches.AsNoTracking().SingleAsync(b => b.Key == slug + "-1"));
}

/// <summary>The figures the shipped content records for 2025 are the ones the press releases tell.</summary>
public class ShippedRecordedOutcomeTests(ShippedProgrammesFactory factory) : IClassFixture<ShippedProgrammesFactory>
{
    [Fact]
    public async Task The_2025_batches_carry_their_figures_once_trained_120_participants_in_all_and_36_in_soft_skill()
    {
        var whileApbnTrains = await RecordedAsync();
        Assert.Equal(["barista-apbd-2025-1", "public-speaking-apbd-2025-1", "soft-skill-apbd-2025-1"], whileApbnTrains.Select(b => b.Key).Order());

        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 1, 10, 10, 0, 0, TimeSpan.FromHours(7)));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var report = await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(CancellationToken.None);
            Assert.Empty(report.Skipped);
        }

        var recorded = await RecordedAsync();
        Assert.Equal(7, recorded.Count);
        Assert.All(recorded, b => Assert.Equal(2025, b.TrainingStartsOn.Year));
        Assert.Equal(120, recorded.Sum(b => b.RecordedOutcome!.Participants));
        Assert.Equal(36, recorded.Where(b => b.Programme!.Slug == "soft-skill").Sum(b => b.RecordedOutcome!.Participants));
        var softSkillApbd = recorded.Single(b => b.Key == "soft-skill-apbd-2025-1").RecordedOutcome!;
        Assert.Equal((20, 20, 14), (softSkillApbd.Participants, softSkillApbd.Completed, softSkillApbd.Placed));
        Assert.Equal(16, recorded.Single(b => b.Key == "soft-skill-apbn-2025-1").RecordedOutcome!.Participants);
        Assert.Equal(16, recorded.Single(b => b.Key == "public-speaking-apbn-2025-1").RecordedOutcome!.Completed);
        Assert.False(await factory.WithDbAsync(db => db.Batches.AnyAsync(b => b.IsDemo && b.RecordedOutcome != null)));
    }

    private Task<List<Batch>> RecordedAsync() =>
        factory.WithDbAsync(db => db.Batches.AsNoTracking().Include(b => b.Programme).Where(b => b.RecordedOutcome != null).ToListAsync());
}
