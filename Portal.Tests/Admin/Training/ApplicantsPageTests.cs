using AngleSharp.Html.Dom;
using Portal.Admin;
using Portal.Training;

namespace Portal.Tests.Admin.Training;

/// <summary>The operator's applicant table, the applicant page and status changes one by one and in bulk.</summary>
public class ApplicantsPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string TablePath(int batchId, string query = "") => $"/admin/pelatihan/gelombang/{batchId}/pendaftar{query}";

    private static List<string> Names(IHtmlDocument page) => page.QuerySelectorAll(".applicant-table tbody td.applicant-name").Select(c => c.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_table_filters_and_sorts_by_the_query_string_and_masks_the_NIK()
    {
        var batch = await factory.AddBatchWithSeatsAsync(5);
        var citra = await factory.AddApplicantAsync(batch.Id, "Citra Lestari", Kecamatan.Kasemen, EducationLevel.S1, new DateOnly(1995, 3, 1));
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var agus = await factory.AddApplicantAsync(batch.Id, "Agus Salim", Kecamatan.Serang, EducationLevel.SmaSmk, new DateOnly(2004, 6, 1));
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await factory.AddApplicantAsync(batch.Id, "Bayu Pratama", Kecamatan.Kasemen, EducationLevel.SmaSmk, new DateOnly(2000, 1, 10));
        var client = await factory.ClientInRoleAsync(Roles.Operator);

        var page = await client.GetPageAsync(TablePath(batch.Id));
        Assert.Equal(["Citra Lestari", "Agus Salim", "Bayu Pratama"], Names(page));
        var nikCells = page.QuerySelectorAll(".applicant-table td.applicant-nik").Select(c => c.TextContent.Trim()).ToList();
        Assert.Contains(NikRules.Mask(citra.Profile.Nik), nikCells);
        Assert.DoesNotContain(citra.Profile.Nik, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("21", page.QuerySelectorAll(".applicant-table tbody tr")[1].QuerySelector(".applicant-age")!.TextContent.Trim());

        Assert.Equal(["Agus Salim", "Bayu Pratama", "Citra Lestari"], Names(await client.GetPageAsync(TablePath(batch.Id, "?urut=Nama"))));
        Assert.Equal(["Agus Salim", "Bayu Pratama", "Citra Lestari"], Names(await client.GetPageAsync(TablePath(batch.Id, "?urut=Usia"))));
        Assert.Equal(["Citra Lestari", "Bayu Pratama"], Names(await client.GetPageAsync(TablePath(batch.Id, "?kecamatan=Kasemen"))));
        Assert.Equal(["Citra Lestari"], Names(await client.GetPageAsync(TablePath(batch.Id, "?kecamatan=Kasemen&pendidikan=S1"))));
        Assert.Equal(["Bayu Pratama", "Citra Lestari"], Names(await client.GetPageAsync(TablePath(batch.Id, "?kecamatan=Kasemen&urut=Nama"))));

        // The filter form itself (GET, no JavaScript) gives the same view.
        var filterForm = (IHtmlFormElement)page.QuerySelector("form.applicant-filter")!;
        Assert.Equal("get", filterForm.Method);
        var query = string.Join('&', Html.FormFields(filterForm, new Dictionary<string, string> { ["pendidikan"] = "S1" }).Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}"));
        Assert.Equal(["Citra Lestari"], Names(await client.GetPageAsync(TablePath(batch.Id, "?" + query))));

        await factory.ChangeStatusAsync(batch.Id, [agus.Application.Id], ApplicationStatus.Diverifikasi);
        Assert.Equal(["Agus Salim"], Names(await client.GetPageAsync(TablePath(batch.Id, "?status=Diverifikasi"))));
        var none = await client.GetPageAsync(TablePath(batch.Id, "?status=Diterima"));
        Assert.Empty(Names(none));
        Assert.Contains("Tidak ada pendaftar", none.Text(".applicant-table tbody"), StringComparison.Ordinal);

        // Values nobody offered are not an error page.
        using var odd = await client.GetAsync(new Uri(TablePath(batch.Id, "?status=bukan&urut=x&kecamatan=999"), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, odd.StatusCode);
    }

    [Fact]
    public async Task An_anonymised_application_shows_as_a_deleted_account()
    {
        var batch = await factory.AddBatchWithSeatsAsync(5);
        var applicant = await factory.AddApplicantAsync(batch.Id, "Dewi Sartika");
        await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == applicant.Application.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.UserId, (string?)null)));
        var client = await factory.ClientInRoleAsync(Roles.Operator);

        Assert.Equal(["Akun dihapus"], Names(await client.GetPageAsync(TablePath(batch.Id))));
        var profile = await client.GetPageAsync($"/admin/pelatihan/pendaftar/{applicant.Application.Id}");
        Assert.Equal("Akun dihapus", profile.Text("h1"));
        Assert.DoesNotContain("Dewi Sartika", profile.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_applicant_page_shows_the_profile_with_a_masked_NIK_and_changes_the_status_with_history_email_and_audit()
    {
        var batch = await factory.AddBatchWithSeatsAsync(5);
        var applicant = await factory.AddApplicantAsync(batch.Id, "Eko Prasetyo");
        var operatorUser = await factory.CreateUserAsync(Roles.Operator);
        var client = await factory.SignedInClientAsync(operatorUser);
        var path = $"/admin/pelatihan/pendaftar/{applicant.Application.Id}";

        var page = await client.GetPageAsync(path);
        Assert.Equal("Eko Prasetyo", page.Text("h1"));
        Assert.Equal(NikRules.Mask(applicant.Profile.Nik), page.Text("#nik"));
        Assert.Contains(applicant.Profile.Phone, page.Text(".applicant-profile"), StringComparison.Ordinal);
        var options = page.QuerySelectorAll("select[name='Input.To'] option").Select(o => o.GetAttribute("value")).Where(v => v != string.Empty).ToList();
        Assert.Equal(["Diverifikasi", "Ditolak", "Dibatalkan"], options);

        using var response = await client.SubmitAsync(page.MainForm("form.applicant-status-form"), new Dictionary<string, string> { ["Input.To"] = "Diverifikasi", ["Input.Note"] = "Berkas lengkap." });
        var after = await Html.ParseAsync(response);

        Assert.Equal(path, response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("1 lamaran diubah menjadi Diverifikasi", after.Text("[role=status]"), StringComparison.Ordinal);
        Assert.Equal("Diverifikasi", after.Text("#status-sekarang"));
        var historyRows = after.QuerySelectorAll(".status-history-table tbody tr");
        var lastRow = historyRows[^1].QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(new[] { "Diajukan", "Diverifikasi", operatorUser.UserName!, "Berkas lengkap." }, lastRow.Skip(1).ToArray());

        var change = await factory.WithDbAsync(db => db.ApplicationStatusChanges.Where(c => c.ApplicationId == applicant.Application.Id).OrderBy(c => c.Id).LastAsync());
        Assert.Equal((ApplicationStatus.Diajukan, ApplicationStatus.Diverifikasi, operatorUser.Id, "Berkas lengkap."), (change.From!.Value, change.To, change.ByUserId!, change.Note!));
        var mail = factory.Outbox.Latest(applicant.User.Email!, "Status lamaran: Diverifikasi");
        Assert.Contains("Berkas lengkap.", mail.TextBody, StringComparison.Ordinal);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.ActorUserId == operatorUser.Id).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal(AuditAction.ApplicationStatusChanged, entry.Action);
        Assert.Contains($"Lamaran #{applicant.Application.Id}", entry.Target, StringComparison.Ordinal);
        Assert.Contains("Diajukan → Diverifikasi", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_the_rules_do_not_allow_is_refused_with_a_clear_message()
    {
        var batch = await factory.AddBatchWithSeatsAsync(5);
        var applicant = await factory.AddApplicantAsync(batch.Id, "Fajar Nugraha");
        var client = await factory.ClientInRoleAsync(Roles.Operator);
        var path = $"/admin/pelatihan/pendaftar/{applicant.Application.Id}";

        // Diajukan → Diterima skips verification: the page does not offer it, the server refuses it.
        using var response = await client.PostWithTokenAsync(path, path, new Dictionary<string, string> { ["Input.To"] = "Diterima" });
        var after = await Html.ParseAsync(response);

        Assert.Contains("Fajar Nugraha", after.Text(".status-message[role=alert]"), StringComparison.Ordinal);
        Assert.Contains("status Diajukan tidak dapat diubah menjadi Diterima", after.Text(".status-message[role=alert]"), StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Diajukan, await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == applicant.Application.Id).Select(a => a.Status).SingleAsync()));
        Assert.DoesNotContain(factory.Outbox.To(applicant.User.Email!), m => m.Subject!.StartsWith("Status lamaran", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bulk_change_changes_the_allowed_ones_and_lists_who_was_skipped_and_why()
    {
        var batch = await factory.AddBatchWithSeatsAsync(5);
        var first = await factory.AddApplicantAsync(batch.Id, "Gita Permata");
        var second = await factory.AddApplicantAsync(batch.Id, "Hadi Susanto");
        var rejected = await factory.AddApplicantAsync(batch.Id, "Indra Wijaya");
        await factory.ChangeStatusAsync(batch.Id, [rejected.Application.Id], ApplicationStatus.Ditolak);
        var operatorUser = await factory.CreateUserAsync(Roles.Operator);
        var client = await factory.SignedInClientAsync(operatorUser);

        var page = await client.GetPageAsync(TablePath(batch.Id, "?urut=Nama"));
        var form = page.MainForm("form.applicant-bulk").Tick([first.Application.Id, second.Application.Id, rejected.Application.Id]);
        using var response = await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.To"] = "Diverifikasi", ["Input.Note"] = "Lolos administrasi." });
        var after = await Html.ParseAsync(response);

        Assert.Equal(TablePath(batch.Id), response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("urut=Nama", response.RequestMessage.RequestUri.Query, StringComparison.Ordinal);
        Assert.Contains("2 lamaran diubah menjadi Diverifikasi", after.Text("[role=status]"), StringComparison.Ordinal);
        var skipped = after.Text("#dilewati");
        Assert.Contains($"Indra Wijaya (#{rejected.Application.Id}): status Ditolak tidak dapat diubah menjadi Diverifikasi", skipped, StringComparison.Ordinal);
        Assert.DoesNotContain("Gita", skipped, StringComparison.Ordinal);

        foreach (var applicant in new[] { first, second })
        {
            var history = await factory.WithDbAsync(db => db.ApplicationStatusChanges.Where(c => c.ApplicationId == applicant.Application.Id).OrderBy(c => c.Id).ToListAsync());
            Assert.Equal([ApplicationStatus.Diajukan, ApplicationStatus.Diverifikasi], history.Select(h => h.To));
            Assert.Equal((operatorUser.Id, "Lolos administrasi."), (history[1].ByUserId!, history[1].Note!));
            factory.Outbox.Latest(applicant.User.Email!, "Status lamaran: Diverifikasi");
        }

        Assert.Equal(2, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ActorUserId == operatorUser.Id && e.Action == AuditAction.ApplicationStatusChanged)));
    }

    [Fact]
    public async Task Bulk_without_a_tick_or_a_status_asks_for_them_beside_the_form()
    {
        var batch = await factory.AddBatchWithSeatsAsync(5);
        await factory.AddApplicantAsync(batch.Id);
        var client = await factory.ClientInRoleAsync(Roles.Operator);

        var page = await client.GetPageAsync(TablePath(batch.Id));
        var after = await Html.ParseAsync(await client.SubmitAsync(page.MainForm("form.applicant-bulk")));

        Assert.Equal("Pilih minimal satu pendaftar pada tabel.", after.FieldError("Input.Ids"));
        Assert.Equal("Pilih status tujuan.", after.FieldError("Input.To"));
    }

    [Fact]
    public async Task Bulk_accept_beyond_the_seats_accepts_up_to_the_seats_and_reports_the_rest()
    {
        var batch = await factory.AddBatchWithSeatsAsync(2);
        var applicants = await factory.AddVerifiedApplicantsAsync(batch.Id, 4);
        var operatorUser = await factory.CreateUserAsync(Roles.Operator);
        var client = await factory.SignedInClientAsync(operatorUser);

        var page = await client.GetPageAsync(TablePath(batch.Id));
        var form = page.MainForm("form.applicant-bulk").Tick(applicants.Select(a => a.Application.Id));
        var after = await Html.ParseAsync(await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.To"] = "Diterima" }));

        Assert.Contains("2 lamaran diubah menjadi Diterima", after.Text("[role=status]"), StringComparison.Ordinal);
        Assert.Equal(2, after.QuerySelectorAll("#dilewati li").Count(li => li.TextContent.Contains("kursi penuh", StringComparison.Ordinal)));
        Assert.Contains("Diterima 2 dari 2 kursi", after.Text("#ringkasan-kursi").Replace("\n", " ", StringComparison.Ordinal).Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(2, await factory.AcceptedCountAsync(batch.Id));

        // Nothing half-written: the two refused have neither a Diterima history row nor an audit entry nor an email.
        var ids = applicants.Select(a => a.Application.Id).ToList();
        Assert.Equal(2, await factory.WithDbAsync(db => db.Applications.CountAsync(a => ids.Contains(a.Id) && a.Status == ApplicationStatus.Diterima)));
        Assert.Equal(2, await factory.WithDbAsync(db => db.ApplicationStatusChanges.CountAsync(c => ids.Contains(c.ApplicationId) && c.To == ApplicationStatus.Diterima)));
        Assert.Equal(2, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ActorUserId == operatorUser.Id)));
        Assert.Equal(2, applicants.Count(a => factory.Outbox.To(a.User.Email!).Any(m => m.Subject!.StartsWith("Status lamaran: Diterima", StringComparison.Ordinal))));

        // Leaving an accepted status gives the seat back, and the next one can be accepted.
        var accepted = await factory.WithDbAsync(db => db.Applications.Where(a => ids.Contains(a.Id) && a.Status == ApplicationStatus.Diterima).Select(a => a.Id).FirstAsync());
        await factory.ChangeStatusAsync(batch.Id, [accepted], ApplicationStatus.Dibatalkan);
        Assert.Equal(1, await factory.AcceptedCountAsync(batch.Id));
        var waiting = await factory.WithDbAsync(db => db.Applications.Where(a => ids.Contains(a.Id) && a.Status == ApplicationStatus.Diverifikasi).Select(a => a.Id).ToListAsync());
        var outcome = await factory.ChangeStatusAsync(batch.Id, waiting, ApplicationStatus.Diterima);
        Assert.Equal(1, outcome.Changed);
        Assert.Equal(2, await factory.AcceptedCountAsync(batch.Id));
    }

    [Fact]
    public async Task Batch_editing_refuses_fewer_seats_than_applicants_already_accepted()
    {
        var batch = await factory.AddBatchWithSeatsAsync(5);
        var applicants = await factory.AddVerifiedApplicantsAsync(batch.Id, 3);
        await factory.ChangeStatusAsync(batch.Id, applicants.Select(a => a.Application.Id), ApplicationStatus.Diterima);
        var client = await factory.ClientInRoleAsync(Roles.Operator);
        var path = $"/admin/pelatihan/gelombang/{batch.Id}";

        var refused = await Html.ParseAsync(await client.SubmitAsync((await client.GetPageAsync(path)).MainForm("form.batch-form"), new Dictionary<string, string> { ["Input.Seats"] = "2" }));
        Assert.Equal("Jumlah kursi tidak boleh kurang dari peserta yang sudah diterima (3 orang). Ubah dulu status peserta bila kursi memang dikurangi.", refused.FieldError("Input.Seats"));
        Assert.Equal(5, await factory.WithDbAsync(db => db.Batches.Where(b => b.Id == batch.Id).Select(b => b.Seats).SingleAsync()));

        using var saved = await client.SubmitAsync((await client.GetPageAsync(path)).MainForm("form.batch-form"), new Dictionary<string, string> { ["Input.Seats"] = "3" });
        Assert.Equal("/admin/pelatihan", saved.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(3, await factory.WithDbAsync(db => db.Batches.Where(b => b.Id == batch.Id).Select(b => b.Seats).SingleAsync()));
    }
}
