using System.Reflection;
using Portal.Data;
using Portal.Search;
using Portal.Shared;
using Portal.Training;

namespace Portal.Tests.Search;

/// <summary>
/// Search follows the SearchChanges rows written with each save. A change search shows must
/// never reach the database without one: tracked saves always write it, and a bulk update that
/// would skip it is refused, except for the counters search never shows.
/// </summary>
public class SearchChangeGuardTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private SiteLinks Links => factory.Services.GetRequiredService<SiteLinks>();

    [Fact]
    public void Every_property_a_bulk_update_may_set_is_one_no_search_document_reads()
    {
        Assert.NotEmpty(SearchBulkUpdateGuard.NotSearched);
        foreach (var property in SearchBulkUpdateGuard.NotSearched)
        {
            var batch = TestApplications.OpenBatch();
            var before = SearchDocument.FromBatch(batch, batch.Programme!, Links);
            property.SetValue(batch, Changed(property, batch));

            Assert.Equal(before, SearchDocument.FromBatch(batch, batch.Programme!, Links));
        }
    }

    [Fact]
    public async Task Every_batch_property_search_shows_writes_a_change_row_when_saved()
    {
        var shown = new List<string>();
        foreach (var property in ScalarProperties(typeof(Batch)))
        {
            var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
            var before = SearchDocument.FromBatch(batch, batch.Programme!, Links);
            var value = Changed(property, batch);
            property.SetValue(batch, value);
            if (SearchDocument.FromBatch(batch, batch.Programme!, Links) == before)
            {
                continue;
            }

            shown.Add(property.Name);
            var rows = await factory.WithDbAsync(async db =>
            {
                var lastBefore = await db.SearchChanges.MaxAsync(c => (long?)c.Id) ?? 0;
                var stored = await db.Batches.SingleAsync(b => b.Id == batch.Id);
                property.SetValue(stored, value);
                await db.SaveChangesAsync();
                return await db.SearchChanges.CountAsync(c => c.Id > lastBefore && c.Entity == SearchEntity.Batch && c.EntityId == batch.Id);
            });

            Assert.True(rows == 1, $"Saving a new {property.Name} wrote {rows} change rows for the batch.");
        }

        Assert.Contains(nameof(Batch.Seats), shown);
        Assert.Contains(nameof(Batch.RegistrationClosesAtUtc), shown);
        Assert.Contains(nameof(Batch.ResultsPublishedAtUtc), shown);
    }

    [Fact]
    public async Task A_bulk_update_of_the_counters_runs_without_a_change_row()
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());

        var (updated, rows) = await factory.WithDbAsync(async db =>
        {
            var lastBefore = await db.SearchChanges.MaxAsync(c => (long?)c.Id) ?? 0;
            var updated = await db.Batches.Where(b => b.Id == batch.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.ApplicationCount, b => b.ApplicationCount + 1).SetProperty(b => b.AcceptedCount, 1));
            return (updated, await db.SearchChanges.CountAsync(c => c.Id > lastBefore));
        });

        Assert.Equal(1, updated);
        Assert.Equal(0, rows);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Batches.Where(b => b.Id == batch.Id).Select(b => b.AcceptedCount).SingleAsync()));
    }

    public static TheoryData<Func<PortalDbContext, Task<int>>> RefusedBulkChanges =>
    [
        db => db.Batches.Where(b => b.Id < 0).ExecuteUpdateAsync(s => s.SetProperty(b => b.Seats, 1)),
        db => db.Batches.Where(b => b.Id < 0).ExecuteUpdateAsync(s => s.SetProperty(b => b.AcceptedCount, 0).SetProperty(b => b.Seats, 1)),
        db => db.Programmes.Where(p => p.Id < 0).ExecuteUpdateAsync(s => s.SetProperty(p => p.Title, "x")),
        db => db.Articles.Where(a => a.Id < 0).ExecuteDeleteAsync(),
        db => db.Topics.Where(t => t.Id < 0).ExecuteDeleteAsync(),
    ];

    [Theory]
    [MemberData(nameof(RefusedBulkChanges))]
    public async Task A_bulk_change_search_would_miss_is_refused(Func<PortalDbContext, Task<int>> bulk)
    {
        var refused = await factory.WithDbAsync(db => Assert.ThrowsAsync<InvalidOperationException>(() => bulk(db)));

        Assert.Contains("without a change row", refused.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<PropertyInfo> ScalarProperties(Type type) =>
        type.GetProperties().Where(p => p.CanWrite && p.Name != "Id" && !p.Name.EndsWith("Id", StringComparison.Ordinal)
            && (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType) is var t
            && (t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(DateTime) || t == typeof(DateOnly)));

    /// <summary>A different value of the property's type, also for a property that is null.</summary>
    private static object Changed(PropertyInfo property, object entity)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return property.GetValue(entity) switch
        {
            int i => i + 1,
            string s => s + " berubah",
            DateTime d => d.AddDays(1),
            DateOnly d => d.AddDays(1),
            bool b => !b,
            Enum e => Enum.GetValues(type).Cast<object>().First(v => !v.Equals(e)),
            null when type.IsEnum => Enum.GetValues(type).GetValue(0)!,
            null when type == typeof(string) => "berubah",
            null when type == typeof(int) => 1,
            null when type == typeof(DateTime) => PortalFactory.DefaultNow.UtcDateTime,
            var other => throw new NotSupportedException($"{property.Name}: {other?.GetType().Name}"),
        };
    }
}
