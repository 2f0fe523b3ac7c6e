using AngleSharp.Html.Dom;
using Portal.Data;
using Portal.Training;

namespace Portal.Tests.Infrastructure;

/// <summary>Batches and applications for tests, made through the real services.</summary>
public static class TestApplications
{
    /// <summary>Open at <see cref="PortalFactory.DefaultNow"/>: 20 November 08:00 WIB until 30 November 23:59 WIB.</summary>
    public static Batch OpenBatch(
        int? cap = null, FundingSource funding = FundingSource.Apbn, int? minAge = 18, int? maxAge = 35, EducationLevel? minEducation = EducationLevel.SmaSmk) =>
        TestData.Batch(TestData.Programme(), new DateTime(2025, 11, 20, 8, 0, 0), new DateTime(2025, 12, 1, 0, 0, 0),
            cap: cap, funding: funding, minAge: minAge, maxAge: maxAge, minEducation: minEducation);

    public static async Task<Batch> AddBatchAsync(this PortalFactory factory, Batch batch)
    {
        await factory.WithDbAsync(async db =>
        {
            db.Batches.Add(batch);
            await db.SaveChangesAsync();
        });
        return batch;
    }

    /// <summary>Applies as the person would (all rules checked) and returns the stored application.</summary>
    public static async Task<Application> SubmitApplicationAsync(this PortalFactory factory, string userId, int batchId, string? motivation = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var batch = await db.Batches.AsNoTracking().Include(b => b.Programme).SingleAsync(b => b.Id == batchId);
        var result = await scope.ServiceProvider.GetRequiredService<ApplicationService>()
            .SubmitAsync(userId, batch, new ApplicationForm(motivation, Consent: true, GuardianConsent: true), CancellationToken.None);
        Assert.True(result.Succeeded, result.Summary);
        return result.Value;
    }

    public static Task<int> ApplicationCountAsync(this PortalFactory factory, int batchId) =>
        factory.WithDbAsync(db => db.Batches.Where(b => b.Id == batchId).Select(b => b.ApplicationCount).SingleAsync());

    /// <summary>
    /// Posts to a page with the antiforgery token of any form on it, as a hand-made request would:
    /// for proving that the server refuses what the page did not even offer.
    /// </summary>
    public static async Task<HttpResponseMessage> PostWithTokenAsync(this HttpClient client, string pagePath, string postPath, IDictionary<string, string> values)
    {
        var page = await client.GetPageAsync(pagePath);
        var token = (page.QuerySelector("input[name='__RequestVerificationToken']") as IHtmlInputElement)?.Value
            ?? throw new Xunit.Sdk.XunitException($"No antiforgery token on {pagePath}");
        var fields = new Dictionary<string, string>(values) { ["__RequestVerificationToken"] = token };
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(postPath, UriKind.Relative), content);
    }
}
