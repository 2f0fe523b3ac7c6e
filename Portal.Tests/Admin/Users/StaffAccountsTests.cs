using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Portal.Admin;

namespace Portal.Tests.Admin.Users;

public class StaffAccountsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_admin_creates_an_editor_who_can_open_news_but_not_training()
    {
        var admin = await factory.CreateUserAsync(Roles.Admin);
        var client = await factory.SignedInClientAsync(admin);
        var email = $"{TestData.Unique("humas")}@contoh.go.id";
        var form = (await client.GetPageAsync("/admin/pengguna/baru")).QuerySelector<IHtmlFormElement>("form.staff-account-form")!;

        var page = await Html.ParseAsync(await client.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Roles"] = Roles.Editor,
            ["Input.Password"] = "Humas-Serang-2025!",
        }));

        Assert.Equal(email, page.Text(".account-email"));
        Assert.Contains("dibuat", page.Text("[role=status]"), StringComparison.Ordinal);
        var list = await client.GetPageAsync("/admin/pengguna");
        var row = list.QuerySelectorAll(".staff-accounts tbody tr").Single(r => r.TextContent.Contains(email, StringComparison.Ordinal));
        Assert.Contains(Roles.Editor, row.TextContent, StringComparison.Ordinal);

        var created = await FindAsync(email);
        Assert.True(created.EmailConfirmed);
        var editor = await factory.SignedInClientAsync(created, followRedirects: false);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync(new Uri("/admin/berita", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync(new Uri("/admin/pelatihan", UriKind.Relative))).StatusCode);
        var entry = await factory.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditAction.StaffAccountCreated && e.Target == email));
        Assert.Equal(admin.Email, entry.ActorName);
        Assert.Equal("Peran: Editor", entry.Details);
    }

    [Fact]
    public async Task A_weak_password_or_a_taken_email_is_refused_with_a_message()
    {
        var client = await factory.ClientInRoleAsync(Roles.Admin);
        var existing = await factory.CreateUserAsync();
        var form = (await client.GetPageAsync("/admin/pengguna/baru")).QuerySelector<IHtmlFormElement>("form.staff-account-form")!;

        var page = await Html.ParseAsync(await client.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Email"] = existing.Email!,
            ["Input.Roles"] = Roles.Operator,
            ["Input.Password"] = "Operator-Serang-2025!",
        }));

        Assert.Contains("sudah terdaftar", page.Text("[role=alert]"), StringComparison.Ordinal);
        Assert.Empty(await RolesOfAsync(existing.Email!));
    }

    [Fact]
    public async Task Changed_roles_reach_an_open_session_within_a_minute_and_are_audited()
    {
        var client = await factory.ClientInRoleAsync(Roles.Admin);
        var staff = await factory.CreateUserAsync(Roles.Editor);
        var staffSession = await factory.SignedInClientAsync(staff, followRedirects: false);
        Assert.Equal(HttpStatusCode.OK, (await staffSession.GetAsync(new Uri("/admin/berita", UriKind.Relative))).StatusCode);
        var form = (await client.GetPageAsync($"/admin/pengguna/{staff.Id}")).QuerySelector<IHtmlFormElement>("form.roles-form")!;
        form.QuerySelector<IHtmlInputElement>($"#peran-{Roles.Editor}")!.IsChecked = false;
        form.QuerySelector<IHtmlInputElement>($"#peran-{Roles.Operator}")!.IsChecked = true;

        var page = await Html.ParseAsync(await client.SubmitAsync(form));

        Assert.Contains("Peran disimpan", page.Text("[role=status]"), StringComparison.Ordinal);
        Assert.Equal([Roles.Operator], await RolesOfAsync(staff.Email!));
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Forbidden, (await staffSession.GetAsync(new Uri("/admin/berita", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staffSession.GetAsync(new Uri("/admin/pelatihan", UriKind.Relative))).StatusCode);
        var entry = await factory.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditAction.StaffRolesChanged && e.Target == staff.Email));
        Assert.Equal("Editor → Operator", entry.Details);
    }

    [Fact]
    public async Task A_locked_account_loses_its_open_session_and_the_lock_is_audited()
    {
        var client = await factory.ClientInRoleAsync(Roles.Admin);
        var staff = await factory.CreateUserAsync(Roles.Operator);
        var staffSession = await factory.SignedInClientAsync(staff, followRedirects: false);
        var form = (await client.GetPageAsync($"/admin/pengguna/{staff.Id}")).QuerySelector<IHtmlFormElement>("form.lock-form")!;

        var page = await Html.ParseAsync(await client.SubmitAsync(form));

        Assert.Equal("Terkunci", page.Text(".account-status"));
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        using var refused = await staffSession.GetAsync(new Uri("/admin/pelatihan", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/akun/masuk", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            Assert.True(await users.IsLockedOutAsync((await users.FindByIdAsync(staff.Id))!));
        }

        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.StaffAccountLocked && e.Target == staff.Email)));
        var unlocked = await Html.ParseAsync(await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("form.unlock-form")!));
        Assert.Equal("Aktif", unlocked.Text(".account-status"));
    }

    [Fact]
    public async Task An_admin_can_neither_lock_their_own_account_nor_drop_their_own_admin_role()
    {
        var admin = await factory.CreateUserAsync(Roles.Admin);
        var client = await factory.SignedInClientAsync(admin);
        var page = await client.GetPageAsync($"/admin/pengguna/{admin.Id}");
        Assert.Null(page.QuerySelector("form.lock-form"));
        var form = page.QuerySelector<IHtmlFormElement>("form.roles-form")!;
        form.QuerySelector<IHtmlInputElement>($"#peran-{Roles.Admin}")!.IsChecked = false;

        var refused = await Html.ParseAsync(await client.SubmitAsync(form));

        Assert.Contains("tidak dapat mencabut peran Admin dari akun Anda sendiri", refused.Text("[role=alert]"), StringComparison.Ordinal);
        Assert.Equal([Roles.Admin], await RolesOfAsync(admin.Email!));
        using var locked = await client.PostAsync(new Uri($"/admin/pengguna/{admin.Id}?handler=Lock", UriKind.Relative),
            new FormUrlEncodedContent(Html.FormFields(form)));
        Assert.Contains("tidak dapat mengunci akun Anda sendiri", (await Html.ParseAsync(locked)).Text("[role=alert]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_see_a_link_to_the_staff_area_and_job_seekers_do_not()
    {
        var staff = await factory.ClientInRoleAsync(Roles.Operator);
        var jobSeeker = await factory.ClientInRoleAsync(null);

        Assert.NotNull((await staff.GetPageAsync("/")).QuerySelector("header a[href='/admin']"));
        Assert.Null((await jobSeeker.GetPageAsync("/")).QuerySelector("header a[href='/admin']"));
        Assert.Null((await factory.CreatePortalClient().GetPageAsync("/")).QuerySelector("header a[href='/admin']"));
    }

    [Fact]
    public async Task The_audit_trail_shows_who_did_what_to_admins()
    {
        var admin = await factory.CreateUserAsync(Roles.Admin);
        var client = await factory.SignedInClientAsync(admin);
        var staff = await factory.CreateUserAsync(Roles.Editor);
        await client.SubmitAsync((await client.GetPageAsync($"/admin/pengguna/{staff.Id}")).QuerySelector<IHtmlFormElement>("form.lock-form")!);

        var audit = await client.GetPageAsync("/admin/audit");

        var row = audit.QuerySelectorAll(".audit-table tbody tr").First(r => r.TextContent.Contains(staff.Email!, StringComparison.Ordinal));
        Assert.Contains("Mengunci akun", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(admin.Email!, row.TextContent, StringComparison.Ordinal);
    }

    private async Task<PortalUser> FindAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!;
    }

    private async Task<List<string>> RolesOfAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return [.. await users.GetRolesAsync((await users.FindByEmailAsync(email))!)];
    }
}
