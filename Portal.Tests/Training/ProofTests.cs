using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Portal.Shared;
using Portal.Training;

namespace Portal.Tests.Training;

/// <summary>
/// The proof of registration (/akun/lamaran/{nomor}): for its owner only, with what the office
/// asks for and a QR code to the public verification page, which tells nothing personal.
/// </summary>
public class ProofTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string[] Documents = ["KTP asli dan fotokopi 1 lembar", "Kartu AK-1 (kartu kuning)", "Pas foto 3×4, 2 lembar"];

    private sealed record Applicant(PortalUser User, JobSeekerProfile Profile, Batch Batch, Application Application);

    [Fact]
    public async Task The_owner_sees_the_proof_with_name_masked_NIK_batch_schedule_documents_status_and_consent_time()
    {
        var applicant = await ApplyAsync();
        using var client = await factory.SignedInClientAsync(applicant.User.Email!);

        var page = await client.GetPageAsync(TrainingLinks.Proof(applicant.Application.RegistrationNumber!));

        var proof = page.QuerySelector("article.proof")!;
        Assert.Equal(applicant.Application.RegistrationNumber, proof.Text("#nomor-pendaftaran"));
        Assert.Equal(applicant.Profile.FullName, proof.Text("#bukti-nama"));
        Assert.Equal(applicant.Profile.MaskedNik, proof.Text("#bukti-nik"));
        Assert.DoesNotContain(applicant.Profile.Nik, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Diajukan", proof.Text("#bukti-status"));
        Assert.Contains(applicant.Batch.Programme!.Title, proof.TextContent, StringComparison.Ordinal);
        Assert.Contains(applicant.Batch.Name, proof.TextContent, StringComparison.Ordinal);
        Assert.Contains(applicant.Batch.Location, proof.TextContent, StringComparison.Ordinal);
        Assert.Contains(Wib.DateRange(applicant.Batch.TrainingStartsOn, applicant.Batch.TrainingEndsOn), proof.TextContent, StringComparison.Ordinal);
        Assert.Contains(Wib.LongDateTime(applicant.Application.ConsentedAtUtc), proof.TextContent, StringComparison.Ordinal);
        Assert.Equal(Documents, proof.QuerySelectorAll("#bukti-dokumen li").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public async Task The_QR_code_reads_as_the_public_verification_address_printed_beside_it()
    {
        var applicant = await ApplyAsync();
        using var client = await factory.SignedInClientAsync(applicant.User.Email!);

        var page = await client.GetPageAsync(TrainingLinks.Proof(applicant.Application.RegistrationNumber!));

        var expected = factory.PublicBaseUrl + TrainingLinks.Verification(applicant.Application.RegistrationNumber!);
        var image = (IHtmlImageElement)page.QuerySelector("#kode-qr")!;
        Assert.Equal(expected, QrReader.DecodeDataUri(image.Source!));
        Assert.Equal(expected, page.Text("#alamat-verifikasi"));
        Assert.False(string.IsNullOrWhiteSpace(image.AlternativeText));
    }

    /// <summary>Numbers whose codes ZXing's finder search misses held upright (zbarimg reads them at once): the reader turns them as a phone would.</summary>
    [Theory]
    [InlineData("PLT-2026-066045")]
    [InlineData("PLT-2026-517482")]
    [InlineData("PLT-2026-577570")]
    [InlineData("PLT-2026-667961")]
    public void A_QR_code_reads_back_as_its_address_whatever_its_number(string number)
    {
        var address = factory.PublicBaseUrl + TrainingLinks.Verification(number);

        Assert.Equal(address, QrReader.DecodeDataUri(QrCodes.PngDataUri(address)));
    }

    [Fact]
    public async Task Another_person_asking_for_a_proof_by_its_number_gets_404_and_a_visitor_is_sent_to_sign_in()
    {
        var applicant = await ApplyAsync();
        var other = await factory.CreateJobSeekerAsync(id => TestData.JobSeeker(id));
        using var otherClient = await factory.SignedInClientAsync(other.Email!);
        using var visitor = factory.CreatePortalClient(followRedirects: false);
        var path = TrainingLinks.Proof(applicant.Application.RegistrationNumber!);

        var page = await otherClient.GetPageAsync(path, HttpStatusCode.NotFound);
        using var anonymous = await visitor.GetAsync(new Uri(path, UriKind.Relative));

        Assert.DoesNotContain(applicant.Profile.FullName, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal($"{AccountLinks.SignIn}?{AccountLinks.ReturnUrlParameter}={Uri.EscapeDataString(path)}",
            new Uri(new Uri("http://localhost"), anonymous.Headers.Location!).PathAndQuery);
    }

    [Theory]
    [InlineData("PLT-2025-000000")]
    [InlineData("bukan-nomor")]
    public async Task An_unknown_or_malformed_number_is_an_Indonesian_404_for_the_proof_and_the_verification(string number)
    {
        var applicant = await ApplyAsync();
        using var client = await factory.SignedInClientAsync(applicant.User.Email!);

        var proof = await client.GetPageAsync(TrainingLinks.Proof(number), HttpStatusCode.NotFound);
        var verification = await factory.CreatePortalClient().GetPageAsync(TrainingLinks.Verification(number), HttpStatusCode.NotFound);

        Assert.Equal("Halaman tidak ditemukan", proof.Text("h1"));
        // Whoever scanned the proof learns that it is not valid, and may type the number again.
        Assert.Equal($"Nomor pendaftaran {number} tidak terdaftar. Bukti ini tidak sah, atau nomornya salah ketik: periksa kembali nomor pada bukti (contoh: PLT-2026-483920).",
            verification.Text("#tidak-terdaftar"));
        Assert.NotNull(verification.QuerySelector("form[method=get] input[name=number]"));
    }

    [Fact]
    public async Task The_number_of_a_deleted_account_is_no_longer_verified()
    {
        var applicant = await ApplyAsync();
        var number = applicant.Application.RegistrationNumber!;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            await scope.ServiceProvider.GetRequiredService<PersonalDataService>().DeleteAccountAsync((await users.FindByIdAsync(applicant.User.Id))!, CancellationToken.None);
        }

        var verification = await factory.CreatePortalClient().GetPageAsync(TrainingLinks.Verification(number), HttpStatusCode.NotFound);

        Assert.NotNull(verification.QuerySelector("#tidak-terdaftar"));
        Assert.Null(verification.QuerySelector("#verifikasi"));
    }

    [Fact]
    public async Task The_verification_page_shows_the_number_batch_and_status_and_nothing_personal()
    {
        var applicant = await ApplyAsync();
        var number = applicant.Application.RegistrationNumber!;

        var page = await factory.CreatePortalClient().GetPageAsync(TrainingLinks.Verification(number.ToLowerInvariant()));

        var main = page.QuerySelector("main")!.TextContent;
        Assert.Contains(number, main, StringComparison.Ordinal);
        Assert.Contains(applicant.Batch.Programme!.Title, main, StringComparison.Ordinal);
        Assert.Contains(applicant.Batch.Name, main, StringComparison.Ordinal);
        Assert.Contains("Diajukan", main, StringComparison.Ordinal);
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain(applicant.Profile.FullName, html, StringComparison.Ordinal);
        Assert.DoesNotContain(applicant.Profile.Nik, html, StringComparison.Ordinal);
        Assert.DoesNotContain(applicant.Profile.MaskedNik, html, StringComparison.Ordinal);
        Assert.DoesNotContain(applicant.User.Email!, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(applicant.Profile.Phone, html, StringComparison.Ordinal);
        Assert.Equal("noindex", page.Meta("robots"));
    }

    [Fact]
    public async Task My_applications_show_each_number_with_a_link_to_its_proof_and_the_confirmation_email_gives_both()
    {
        var applicant = await ApplyAsync();
        using var client = await factory.SignedInClientAsync(applicant.User.Email!);
        var number = applicant.Application.RegistrationNumber!;

        var page = await client.GetPageAsync(AccountLinks.Applications);

        var card = page.QuerySelector($"#lamaran-{applicant.Application.Id}")!;
        Assert.Equal(number, card.Text(".registration-number"));
        Assert.Contains(card.QuerySelectorAll("a"), a => a.GetAttribute("href") == TrainingLinks.Proof(number));
        var email = factory.Outbox.Latest(applicant.User.Email!, "Pendaftaran diterima");
        Assert.Contains($"Nomor pendaftaran: {number}", email.TextBody, StringComparison.Ordinal);
        Assert.Equal(TrainingLinks.Proof(number), OutboxReader.LinkTo(email, TrainingLinks.Proof(number)));
        Assert.Contains(Documents[1], email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_sees_the_registration_number_on_the_applicant_page_to_match_a_printed_proof()
    {
        var applicant = await ApplyAsync();
        using var staff = await factory.ClientInRoleAsync(Roles.Operator);

        var page = await staff.GetPageAsync($"/admin/pelatihan/pendaftar/{applicant.Application.Id}");

        Assert.Contains($"nomor pendaftaran {applicant.Application.RegistrationNumber}", page.Text("main"), StringComparison.Ordinal);
    }

    private async Task<Applicant> ApplyAsync()
    {
        var batch = TestApplications.OpenBatch();
        batch.RequiredDocuments = [.. Documents];
        await factory.AddBatchAsync(batch);
        JobSeekerProfile? profile = null;
        var user = await factory.CreateJobSeekerAsync(id => profile = TestData.JobSeeker(id, fullName: TestData.Unique("Pemilik Bukti")));
        var application = await factory.SubmitApplicationAsync(user.Id, batch.Id);
        return new Applicant(user, profile!, batch, application);
    }
}
