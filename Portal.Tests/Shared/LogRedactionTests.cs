using Portal.Shared;

namespace Portal.Tests.Shared;

public class LogRedactionTests
{
    [Theory]
    [InlineData("nama.lengkap@contoh.go.id", "n***@contoh.go.id")]
    [InlineData("a@b.id", "a***@b.id")]
    [InlineData("tanpa-at", "***")]
    [InlineData("@contoh.id", "***")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void An_address_keeps_its_first_letter_and_its_domain(string? address, string expected) =>
        Assert.Equal(expected, LogRedaction.Email(address));

    [Fact]
    public void Every_address_in_a_server_answer_is_masked()
    {
        var masked = LogRedaction.EmailsIn("550 5.1.1 <siti.pencaker@contoh.id>: Recipient unknown; from no-reply@pelatihan.serangkota.go.id");

        Assert.Equal("550 5.1.1 <s***@contoh.id>: Recipient unknown; from n***@pelatihan.serangkota.go.id", masked);
        Assert.Empty(LogLeaks.Find(masked));
    }

    [Theory]
    [InlineData("Profile saved for NIK 3673015705000001", "NIK")]
    [InlineData("Signing in with kopi-sablon-serang-2025 failed", "password")]
    [InlineData("Signing in with Demo-Serang-2025! failed", "password")]
    [InlineData("GET /akun/atur-ulang-sandi?akun=42&kode=Q2ZESjh4 done", "token")]
    [InlineData("cookie CfDJ8Nx3aQ0c1lZ9kP5qv2Hf7Xw", "token")]
    [InlineData("Email for siti@contoh.id written", "email address")]
    public void The_log_scan_finds_each_kind_of_leak(string line, string kind) =>
        Assert.Contains(LogLeaks.Find(line), leak => leak.StartsWith(kind, StringComparison.Ordinal));

    [Theory]
    [InlineData("Email \"Konfirmasi\" written to /tmp/portal-tests/0f9c2b7e41d94a3f8e6c1234567890ab/outbox/20251126T030000Z-1234567890123456abcdef0123456789.eml")]
    [InlineData("Demo staff account a***@contoh.go.id (Admin) created")]
    [InlineData("Application 1234567890123456 submitted")]
    [InlineData("Account 6f1c0c7e-2b7a-4f55-9a55-0123456789ab registered")]
    [InlineData("GET /healthz answered 200 => SpanId:7909671806746519, TraceId:417d1b7ff30d82267dcd62854b0cb2a6, ParentId:0000000000000000")]
    public void Ids_paths_and_masked_addresses_pass_the_log_scan(string line) =>
        Assert.Empty(LogLeaks.Find(line));
}
