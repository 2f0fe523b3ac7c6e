namespace Portal.Tests.Accounts;

public class ProfileTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_profile_is_saved_normalised_and_its_NIK_is_masked_except_in_the_owners_edit_form()
    {
        var user = await factory.CreateJobSeekerAsync();
        var client = await factory.SignedInClientAsync(user.Email!);
        var nik = TestData.Nik(new DateOnly(1998, 2, 3), Gender.Male);

        var empty = await client.GetPageAsync(AccountLinks.Profile);
        Assert.Contains("belum diisi", empty.Text("main"), StringComparison.Ordinal);
        var form = (await client.GetPageAsync(AccountLinks.EditProfile)).MainForm();
        using var saved = await client.SubmitAsync(form, ValidProfile(nik, "1998-02-03", phone: "+62 812-1111-2222"));

        var profilePage = await Html.ParseAsync(saved);
        Assert.Equal(AccountLinks.Profile, saved.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("sudah disimpan", profilePage.Text(".status-message"), StringComparison.Ordinal);
        Assert.Equal(NikRules.Mask(nik), profilePage.Text("#profil .nik"));
        Assert.DoesNotContain(nik, profilePage.Source.Text, StringComparison.Ordinal);
        Assert.Equal("0812-1111-2222", profilePage.Text("#profil .phone"));

        var stored = await factory.WithDbAsync(db => db.JobSeekerProfiles.SingleAsync(p => p.UserId == user.Id));
        Assert.Equal("+6281211112222", stored.Phone);
        Assert.Equal(nik, stored.Nik);
        Assert.Equal(Kecamatan.Walantaka, stored.Kecamatan);

        var edit = await client.GetPageAsync(AccountLinks.EditProfile);
        Assert.Equal(nik, edit.QuerySelector("input[name='Input.Nik']")!.GetAttribute("value"));
        Assert.Equal("1998-02-03", edit.QuerySelector("input[name='Input.DateOfBirth']")!.GetAttribute("value"));
        Assert.Contains("Dukcapil", edit.Text("#catatan-nik"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Input.Nik", "12345", "NIK harus terdiri dari 16 angka.")]
    [InlineData("Input.Nik", "3673011803980001", "tidak sesuai dengan tanggal lahir 3 Februari 1998")]
    [InlineData("Input.Nik", "3673014302980001", "NIK ini milik perempuan")]
    [InlineData("Input.Nik", "3673010302980000", "nomor urut")]
    [InlineData("Input.Phone", "0254-123456", "Nomor HP tidak valid")]
    [InlineData("Input.Phone", "12345", "Nomor HP tidak valid")]
    [InlineData("Input.FullName", "", "Nama lengkap wajib diisi.")]
    [InlineData("Input.Address", "", "Alamat wajib diisi.")]
    [InlineData("Input.DateOfBirth", "", "Tanggal lahir wajib diisi.")]
    [InlineData("Input.DateOfBirth", "kemarin", "tidak valid")]
    [InlineData("Input.DateOfBirth", "2030-01-01", "Tanggal lahir tidak valid.")]
    [InlineData("Input.Kecamatan", "", "Pilih kecamatan tempat tinggal Anda sekarang.")]
    [InlineData("Input.Kecamatan", "Atlantis", "tidak valid")]
    [InlineData("Input.Education", "", "Pilih pendidikan terakhir.")]
    [InlineData("Input.EmploymentStatus", "", "Pilih status pekerjaan.")]
    [InlineData("Input.Gender", "", "Pilih jenis kelamin.")]
    public async Task Each_profile_rule_has_its_message_beside_its_field(string field, string value, string message)
    {
        var user = await factory.CreateJobSeekerAsync();
        var client = await factory.SignedInClientAsync(user.Email!);
        var values = ValidProfile(TestData.Nik(new DateOnly(1998, 2, 3), Gender.Male), "1998-02-03");
        values[field] = value;

        var form = (await client.GetPageAsync(AccountLinks.EditProfile)).MainForm();
        using var response = await client.SubmitAsync(form, values);

        var page = await Html.ParseAsync(response);
        Assert.Contains(message, page.FieldError(field), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.JobSeekerProfiles.AnyAsync(p => p.UserId == user.Id)));
    }

    [Fact]
    public async Task A_NIK_already_in_another_account_is_saved_with_the_usual_answer_and_held_for_a_check()
    {
        var owner = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id, new DateOnly(1998, 2, 3)));
        var ownersNik = await factory.WithDbAsync(db => db.JobSeekerProfiles.Where(p => p.UserId == owner.Id).Select(p => p.Nik).SingleAsync());
        var other = await factory.CreateJobSeekerAsync();
        var client = await factory.SignedInClientAsync(other.Email!);

        var form = (await client.GetPageAsync(AccountLinks.EditProfile)).MainForm();
        using var response = await client.SubmitAsync(form, ValidProfile(ownersNik, "1998-02-03"));

        Assert.Equal(AccountLinks.Profile, response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("sudah disimpan", (await Html.ParseAsync(response)).Text(".status-message"), StringComparison.Ordinal);
        var saved = await factory.WithDbAsync(db => db.JobSeekerProfiles.SingleAsync(p => p.UserId == other.Id));
        Assert.True(saved.NikNeedsReview);
        Assert.False(await factory.WithDbAsync(db => db.JobSeekerProfiles.Where(p => p.UserId == owner.Id).Select(p => p.NikNeedsReview).SingleAsync()));
    }

    [Fact]
    public async Task The_owner_can_save_the_profile_again_with_the_same_NIK()
    {
        var user = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id, new DateOnly(1998, 2, 3)));
        var client = await factory.SignedInClientAsync(user.Email!);

        var form = (await client.GetPageAsync(AccountLinks.EditProfile)).MainForm();
        using var response = await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.Address"] = "Jl. Baru No. 2" });

        Assert.Equal(AccountLinks.Profile, response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("Jl. Baru No. 2", await factory.WithDbAsync(db => db.JobSeekerProfiles.Where(p => p.UserId == user.Id).Select(p => p.Address).SingleAsync()));
    }

    /// <summary>A profile form that passes every rule, for a man born on <paramref name="dateOfBirth"/> (yyyy-MM-dd).</summary>
    internal static Dictionary<string, string> ValidProfile(string nik, string dateOfBirth, string phone = "081234567890") => new()
    {
        ["Input.FullName"] = "Budi Santoso",
        ["Input.Nik"] = nik,
        ["Input.DateOfBirth"] = dateOfBirth,
        ["Input.Gender"] = "Male",
        ["Input.Phone"] = phone,
        ["Input.Address"] = "Jl. Raya Petir No. 10",
        ["Input.Kecamatan"] = "Walantaka",
        ["Input.Education"] = "SmaSmk",
        ["Input.EmploymentStatus"] = "LaidOff",
    };
}
