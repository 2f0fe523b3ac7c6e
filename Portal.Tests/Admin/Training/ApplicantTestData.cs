using AngleSharp.Html.Dom;
using Portal.Admin;
using Portal.Admin.Training;
using Portal.Training;

namespace Portal.Tests.Admin.Training;

/// <summary>A batch with applicants, made through the real services, and the operator's forms.</summary>
public static class ApplicantTestData
{
    public sealed record Applicant(PortalUser User, JobSeekerProfile Profile, Application Application);

    /// <summary>Open at <see cref="PortalFactory.DefaultNow"/>, for ages 18–35 and any education.</summary>
    public static Task<Batch> AddBatchWithSeatsAsync(this PortalFactory factory, int seats) =>
        factory.AddBatchAsync(TestData.Batch(TestData.Programme(), new DateTime(2025, 11, 20, 8, 0, 0), new DateTime(2025, 12, 1, 0, 0, 0),
            seats: seats, funding: FundingSource.Apbn, minEducation: null));

    public static async Task<Applicant> AddApplicantAsync(
        this PortalFactory factory, int batchId, string? name = null, Kecamatan kecamatan = Kecamatan.CipocokJaya,
        EducationLevel education = EducationLevel.SmaSmk, DateOnly? dateOfBirth = null)
    {
        JobSeekerProfile? profile = null;
        var user = await factory.CreateJobSeekerAsync(id => profile = TestData.JobSeeker(id, dateOfBirth, kecamatan: kecamatan, education: education, fullName: name ?? TestData.Unique("Pendaftar")));
        var application = await factory.SubmitApplicationAsync(user.Id, batchId);
        return new Applicant(user, profile!, application);
    }

    /// <summary>Several applicants, already verified (Diverifikasi) by an operator: ready to be accepted.</summary>
    public static async Task<List<Applicant>> AddVerifiedApplicantsAsync(this PortalFactory factory, int batchId, int count)
    {
        var applicants = new List<Applicant>();
        for (var i = 0; i < count; i++)
        {
            applicants.Add(await factory.AddApplicantAsync(batchId));
        }

        await factory.ChangeStatusAsync(batchId, applicants.Select(a => a.Application.Id), ApplicationStatus.Diverifikasi);
        return applicants;
    }

    public static async Task<StatusChangeOutcome> ChangeStatusAsync(this PortalFactory factory, int batchId, IEnumerable<int> ids, ApplicationStatus to)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicantDesk>()
            .ChangeStatusAsync(batchId, ids.ToList(), to, null, new StaffActor(null, "uji"), CancellationToken.None);
    }

    public static Task<int> AcceptedCountAsync(this PortalFactory factory, int batchId) =>
        factory.WithDbAsync(db => db.Batches.Where(b => b.Id == batchId).Select(b => b.AcceptedCount).SingleAsync());

    /// <summary>Ticks the rows' checkboxes of the bulk form, as the operator would.</summary>
    public static IHtmlFormElement Tick(this IHtmlFormElement form, IEnumerable<int> applicationIds)
    {
        foreach (var id in applicationIds)
        {
            ((IHtmlInputElement)form.QuerySelector($"#pilih-{id}")!).IsChecked = true;
        }

        return form;
    }
}
