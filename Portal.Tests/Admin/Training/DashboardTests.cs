using Portal.Training;

namespace Portal.Tests.Admin.Training;

public class DashboardTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_staff_home_shows_operators_applicants_accepted_of_seats_by_kecamatan_and_education()
    {
        var batch = await factory.AddBatchWithSeatsAsync(3);
        var kasemen = await factory.AddApplicantAsync(batch.Id, kecamatan: Kecamatan.Kasemen, education: EducationLevel.S1);
        await factory.AddApplicantAsync(batch.Id, kecamatan: Kecamatan.Kasemen);
        await factory.AddApplicantAsync(batch.Id, kecamatan: Kecamatan.Serang);
        var withdrawn = await factory.AddApplicantAsync(batch.Id, kecamatan: Kecamatan.Serang);
        await factory.ChangeStatusAsync(batch.Id, [kasemen.Application.Id], ApplicationStatus.Diverifikasi);
        await factory.ChangeStatusAsync(batch.Id, [kasemen.Application.Id], ApplicationStatus.Diterima);
        await factory.ChangeStatusAsync(batch.Id, [withdrawn.Application.Id], ApplicationStatus.Dibatalkan);
        var client = await factory.ClientInRoleAsync(Roles.Operator);

        var page = await client.GetPageAsync("/admin");
        var row = page.QuerySelector($".training-dashboard tr[data-batch-id='{batch.Id}']")!;

        Assert.Equal("3", row.Text(".applicants"));
        Assert.Equal("1 / 3", row.Text(".accepted"));
        Assert.Equal("2", row.Text(".kecamatan-Kasemen"));
        Assert.Equal("1", row.Text(".kecamatan-Serang"));
        Assert.Equal("1", row.Text(".pendidikan-S1"));
        Assert.Equal("2", row.Text(".pendidikan-SmaSmk"));
        Assert.Null(row.QuerySelector(".kecamatan-Walantaka"));
        Assert.Equal(["Kasemen", "Serang"], row.QuerySelectorAll("td:nth-of-type(3) dt").Select(dt => dt.TextContent));
        var table = row.Closest("table")!;
        Assert.Equal("3", table.Text("tfoot .applicants"));
        Assert.Equal("2", table.Text("tfoot .kecamatan-Kasemen"));
        Assert.All(table.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
    }

    [Fact]
    public async Task Each_programme_is_named_above_its_own_table_in_five_columns()
    {
        var first = await factory.AddBatchWithSeatsAsync(2);
        var second = await factory.AddBatchWithSeatsAsync(2);
        var client = await factory.ClientInRoleAsync(Roles.Operator);

        var page = await client.GetPageAsync("/admin");

        foreach (var batch in new[] { first, second })
        {
            var table = page.QuerySelector($".training-dashboard tr[data-batch-id='{batch.Id}']")!.Closest("table")!;
            var name = page.GetElementById(table.GetAttribute("aria-labelledby")!)!;
            Assert.Equal(batch.Programme!.Title, name.TextContent);
            // The name is the heading just before the table's wrapper, so it cannot read as the next table's.
            Assert.Same(name, table.ParentElement!.PreviousElementSibling);
            Assert.Null(table.QuerySelector("caption"));
            Assert.Equal(5, table.QuerySelectorAll("thead th").Length);
        }
    }

    [Fact]
    public async Task Editors_do_not_get_the_applicant_figures()
    {
        var client = await factory.ClientInRoleAsync(Roles.Editor);

        var page = await client.GetPageAsync("/admin");

        Assert.Null(page.QuerySelector(".training-dashboard"));
    }
}
