using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portal.Admin;
using Portal.Content;
using Portal.Shared;
using Portal.Training;

namespace Portal.Tests.Admin.Training;

public class TrainingEditingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_message_after_a_save_is_shown_once_below_the_staff_menu_and_not_on_the_next_visit()
    {
        var client = await factory.ClientInRoleAsync(Roles.Operator);
        var form = (await client.GetPageAsync("/admin/pelatihan/program/baru")).QuerySelector<IHtmlFormElement>("form.programme-form")!;

        var list = await Html.ParseAsync(await client.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Title"] = $"Tata boga {Guid.NewGuid():N}",
            ["Input.Summary"] = "Pelatihan tata boga.",
        }));

        var message = Assert.Single(list.QuerySelectorAll(".status-message"));
        Assert.Equal("Program dibuat.", message.TextContent.Trim());
        Assert.Same(message, list.QuerySelector("nav.staff-nav + .status-message"));
        Assert.Empty((await client.GetPageAsync("/admin/pelatihan")).QuerySelectorAll(".status-message"));
    }

    [Fact]
    public async Task An_operator_creates_a_programme_and_a_batch_in_WIB_and_both_appear_on_the_public_pages()
    {
        var client = await factory.ClientInRoleAsync(Roles.Operator);
        var title = $"Menjahit {Guid.NewGuid():N}";
        var form = (await client.GetPageAsync("/admin/pelatihan/program/baru")).QuerySelector<IHtmlFormElement>("form.programme-form")!;

        var list = await Html.ParseAsync(await client.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Summary"] = "Pelatihan menjahit untuk pencari kerja.",
            ["Input.Description"] = "Peserta belajar **menjahit** pakaian.",
        }));

        Assert.Equal("Program dibuat.", list.Text("[role=status]"));
        var programme = await factory.WithDbAsync(db => db.Programmes.AsNoTracking().SingleAsync(p => p.Title == title));
        Assert.Equal(ContentOrigin.Portal, programme.Origin);
        Assert.Contains("<strong>menjahit</strong>", programme.DescriptionHtml, StringComparison.Ordinal);

        var batchForm = (await client.GetPageAsync($"/admin/pelatihan/program/{programme.Id}/gelombang/baru")).QuerySelector<IHtmlFormElement>("form.batch-form")!;
        await client.SubmitAsync(batchForm, BatchFields(name: "Gelombang I", opens: "2025-11-27T08:00", closes: "2025-12-10T16:00", starts: "2025-12-15", ends: "2025-12-30"));

        var batch = await factory.WithDbAsync(db => db.Batches.AsNoTracking().SingleAsync(b => b.ProgrammeId == programme.Id));
        Assert.Equal(new DateTime(2025, 11, 27, 1, 0, 0, DateTimeKind.Utc), batch.RegistrationOpensAtUtc);
        Assert.Equal(new DateTime(2025, 12, 10, 9, 0, 0, DateTimeKind.Utc), batch.RegistrationClosesAtUtc);
        Assert.Equal(new DateOnly(2025, 12, 15), batch.TrainingStartsOn);
        Assert.Equal(20, batch.Seats);
        Assert.Equal(ContentOrigin.Portal, batch.Origin);
        Assert.StartsWith(programme.Slug, batch.Key, StringComparison.Ordinal);

        var publicPage = await factory.CreatePortalClient().GetPageAsync($"/pelatihan/{programme.Slug}");
        Assert.Equal(title, publicPage.Text("h1"));
        Assert.Contains("Gelombang I", publicPage.Text("main"), StringComparison.Ordinal);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.Target.Contains(title)).Select(e => e.Action).ToListAsync());
        Assert.Contains(AuditAction.ProgrammeCreated, audit);
        Assert.Contains(AuditAction.BatchCreated, audit);
    }

    public static TheoryData<string, Dictionary<string, string>, string, string> InvalidBatches => new()
    {
        { "closes after training starts", BatchFields(closes: "2025-12-20T16:00", starts: "2025-12-15"), "Input.RegistrationClosesWib", "Pendaftaran harus ditutup sebelum hari pertama pelatihan." },
        { "closes before it opens", BatchFields(opens: "2025-12-05T08:00", closes: "2025-12-01T08:00"), "Input.RegistrationClosesWib", "Pendaftaran harus ditutup setelah dibuka." },
        { "ends before it starts", BatchFields(starts: "2025-12-15", ends: "2025-12-14"), "Input.TrainingEndsOn", "Pelatihan tidak dapat berakhir sebelum dimulai." },
        { "no seats", BatchFields(seats: "0"), "Input.Seats", "Jumlah kursi harus lebih dari 0 (paling banyak 10.000)." },
        { "seats not a number", BatchFields(seats: "dua puluh"), "Input.Seats", "Isian \"dua puluh\" tidak valid untuk Jumlah kursi (kuota)." },
        { "min age above max age", BatchFields(minAge: "40", maxAge: "30"), "Input.MaxAge", "Usia minimal tidak boleh lebih dari usia maksimal." },
        { "no provider", BatchFields(provider: ""), "Input.Provider", "Penyelenggara wajib diisi." },
        { "cap below seats", BatchFields(seats: "20", cap: "10"), "Input.RegistrationCap", "Batas pendaftar tidak boleh kurang dari jumlah kursi." },
    };

    [Theory]
    [MemberData(nameof(InvalidBatches))]
    public async Task Batch_rules_are_explained_in_Indonesian_beside_the_field(string what, Dictionary<string, string> fields, string field, string message)
    {
        var client = await factory.ClientInRoleAsync(Roles.Operator);
        var programme = TestData.Programme();
        await factory.AddAsync(programme);
        var form = (await client.GetPageAsync($"/admin/pelatihan/program/{programme.Id}/gelombang/baru")).QuerySelector<IHtmlFormElement>("form.batch-form")!;

        var page = await Html.ParseAsync(await client.SubmitAsync(form, fields));

        Assert.Equal(message, page.Text($"[data-valmsg-for='{field}']"));
        Assert.False(await factory.WithDbAsync(db => db.Batches.AnyAsync(b => b.ProgrammeId == programme.Id)), what);
    }

    [Fact]
    public async Task Editing_an_imported_batch_keeps_its_times_in_WIB_and_makes_it_the_portals()
    {
        var client = await factory.ClientInRoleAsync(Roles.Operator);
        var imported = await factory.WithDbAsync(db => db.Batches.AsNoTracking().FirstAsync(b => b.Origin == ContentOrigin.ContentFile));
        var page = await client.GetPageAsync($"/admin/pelatihan/gelombang/{imported.Id}");
        var form = page.QuerySelector<IHtmlFormElement>("form.batch-form")!;
        Assert.Equal(Wib.ToWib(imported.RegistrationOpensAtUtc), DateTime.Parse(form.QuerySelector<IHtmlInputElement>("input[name='Input.RegistrationOpensWib']")!.Value, System.Globalization.CultureInfo.InvariantCulture));

        await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.Seats"] = (imported.Seats + 4).ToString() });

        var saved = await factory.WithDbAsync(db => db.Batches.AsNoTracking().SingleAsync(b => b.Id == imported.Id));
        Assert.Equal(imported.Seats + 4, saved.Seats);
        Assert.Equal(imported.RegistrationOpensAtUtc, saved.RegistrationOpensAtUtc);
        Assert.Equal(imported.RegistrationClosesAtUtc, saved.RegistrationClosesAtUtc);
        Assert.Equal(ContentOrigin.Portal, saved.Origin);
    }

    private static Dictionary<string, string> BatchFields(
        string name = "Gelombang Uji", string opens = "2025-11-27T08:00", string closes = "2025-12-10T16:00",
        string starts = "2025-12-15", string ends = "2025-12-30", string seats = "20", string? cap = null,
        string minAge = "18", string maxAge = "35", string provider = "BBPVP Serang")
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Funding"] = nameof(FundingSource.Apbn),
            ["Input.Provider"] = provider,
            ["Input.Location"] = "Workshop BBPVP Serang",
            ["Input.Seats"] = seats,
            ["Input.RegistrationOpensWib"] = opens,
            ["Input.RegistrationClosesWib"] = closes,
            ["Input.TrainingStartsOn"] = starts,
            ["Input.TrainingEndsOn"] = ends,
            ["Input.MinAge"] = minAge,
            ["Input.MaxAge"] = maxAge,
            ["Input.MinEducation"] = nameof(EducationLevel.SmaSmk),
        };
        if (cap is not null)
        {
            fields["Input.RegistrationCap"] = cap;
        }

        return fields;
    }
}
