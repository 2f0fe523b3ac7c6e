using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Portal.Tests.Training;

/// <summary>The documents an applicant brings: typed by an operator one per line, shown on the batch card and the apply page.</summary>
public class RequiredDocumentsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_operator_lists_the_documents_one_per_line_and_they_show_on_the_card_and_open_on_the_apply_page()
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        using var staff = await factory.ClientInRoleAsync(Roles.Operator);
        var form = (await staff.GetPageAsync($"/admin/pelatihan/gelombang/{batch.Id}")).QuerySelector<IHtmlFormElement>("form.batch-form")!;

        await staff.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.RequiredDocuments"] = "  KTP asli dan fotokopi 1 lembar \r\n\r\nKartu AK-1 (kartu kuning)\nPas foto 3×4, 2 lembar\n",
        });

        string[] expected = ["KTP asli dan fotokopi 1 lembar", "Kartu AK-1 (kartu kuning)", "Pas foto 3×4, 2 lembar"];
        Assert.Equal(expected, await factory.WithDbAsync(db => db.Batches.Where(b => b.Id == batch.Id).Select(b => b.RequiredDocuments).SingleAsync()));
        var programmePage = await factory.CreatePortalClient().GetPageAsync(TrainingLinks.Programme(batch.Programme!.Slug));
        var listed = programmePage.QuerySelector($"article#gelombang-{batch.Key}")!.QuerySelector(".batch-documents")!;
        Assert.Equal(expected, listed.QuerySelectorAll("li").Select(li => li.TextContent.Trim()));
        Assert.False(listed.HasAttribute("open"));

        var user = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id));
        using var jobSeeker = await factory.SignedInClientAsync(user.Email!);
        var applyPage = await jobSeeker.GetPageAsync(TrainingLinks.Apply(batch.Programme.Slug, batch.Id));
        var onApply = applyPage.QuerySelector(".batch-documents")!;
        Assert.True(onApply.HasAttribute("open"));
        Assert.Equal(expected, onApply.QuerySelectorAll("li").Select(li => li.TextContent.Trim()));
    }

    [Theory]
    [InlineData(21, 10, "Paling banyak 20 dokumen.")]
    [InlineData(1, 201, "Setiap dokumen paling panjang 200 karakter per baris.")]
    public async Task A_documents_list_over_its_limits_is_refused_beside_the_field(int count, int length, string message)
    {
        var batch = await factory.AddBatchAsync(TestApplications.OpenBatch());
        using var staff = await factory.ClientInRoleAsync(Roles.Operator);
        var form = (await staff.GetPageAsync($"/admin/pelatihan/gelombang/{batch.Id}")).QuerySelector<IHtmlFormElement>("form.batch-form")!;
        var lines = Enumerable.Range(0, count).Select(i => $"{i:00}{new string('d', length)}"[..length]);

        var page = await Html.ParseAsync(await staff.SubmitAsync(form, new Dictionary<string, string> { ["Input.RequiredDocuments"] = string.Join('\n', lines) }));

        Assert.Equal(message, page.FieldError("Input.RequiredDocuments"));
        Assert.Empty(await factory.WithDbAsync(db => db.Batches.Where(b => b.Id == batch.Id).Select(b => b.RequiredDocuments).SingleAsync()));
    }
}
