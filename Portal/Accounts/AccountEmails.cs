using Portal.Mail;

namespace Portal.Accounts;

/// <summary>The account emails, in Indonesian. Links are absolute (SiteLinks), to this portal only.</summary>
public sealed class AccountEmails(IOptions<SiteOptions> site, SiteLinks links)
{
    /// <summary>Named on the registration page too, so the person knows which email to look for.</summary>
    public const string ConfirmEmailSubject = "Konfirmasi alamat email Anda";

    public OutgoingMail ConfirmEmail(string to, string confirmPath)
    {
        var link = links.Absolute(confirmPath);
        return new OutgoingMail(to, ConfirmEmailSubject, $"""
            Yth. Bapak/Ibu,

            Terima kasih telah mendaftar di {site.Value.Name}. Untuk mengaktifkan akun Anda, buka tautan berikut:

            {link}

            Tautan ini berlaku 24 jam. Setelah itu, masuk dengan email dan kata sandi Anda untuk menerima tautan baru.

            Jika Anda tidak merasa mendaftar, abaikan email ini; akun tidak akan aktif tanpa konfirmasi.

            {Signature()}
            """);
    }

    public OutgoingMail AlreadyRegistered(string to, string? returnUrl)
    {
        var signIn = links.Absolute(links.SignIn(returnUrl));
        var reset = links.Absolute(links.Page("/Accounts/ForgotPassword"));
        return new OutgoingMail(to, "Anda sudah memiliki akun", $"""
            Yth. Bapak/Ibu,

            Seseorang (mungkin Anda sendiri) mencoba mendaftar di {site.Value.Name} dengan alamat email ini. Alamat ini sudah memiliki akun, jadi tidak ada akun baru yang dibuat.

            Masuk ke akun Anda: {signIn}
            Lupa kata sandi? Atur ulang di: {reset}

            Jika bukan Anda yang mencoba mendaftar, abaikan email ini; akun Anda tetap aman.

            {Signature()}
            """);
    }

    public OutgoingMail ResetPassword(string to, string resetPath)
    {
        var link = links.Absolute(resetPath);
        return new OutgoingMail(to, "Atur ulang kata sandi", $"""
            Yth. Bapak/Ibu,

            Kami menerima permintaan untuk mengatur ulang kata sandi akun Anda di {site.Value.Name}. Buka tautan berikut untuk membuat kata sandi baru:

            {link}

            Tautan ini berlaku 24 jam dan tidak lagi berlaku setelah kata sandi diganti.

            Jika Anda tidak meminta ini, abaikan email ini; kata sandi Anda tidak berubah.

            {Signature()}
            """);
    }

    public OutgoingMail PasswordChanged(string to)
    {
        var reset = links.Absolute(links.Page("/Accounts/ForgotPassword"));
        return new OutgoingMail(to, "Kata sandi Anda telah diubah", $"""
            Yth. Bapak/Ibu,

            Kata sandi akun Anda di {site.Value.Name} baru saja diubah.

            Jika bukan Anda yang mengubahnya, segera atur ulang kata sandi di {reset} dan hubungi kantor kami.

            {Signature()}
            """);
    }

    public OutgoingMail AccountLocked(string to, DateTime lockedUntilUtc)
    {
        var reset = links.Absolute(links.Page("/Accounts/ForgotPassword"));
        return new OutgoingMail(to, "Akun Anda dikunci sementara", $"""
            Yth. Bapak/Ibu,

            Akun Anda di {site.Value.Name} dikunci sementara karena kata sandi yang salah dimasukkan {AccountServices.LockoutThreshold} kali berturut-turut. Akun dapat dipakai lagi mulai {Wib.LongDateTime(lockedUntilUtc)}.

            Jika bukan Anda yang mencoba masuk, kami sarankan segera mengatur ulang kata sandi Anda; mengatur ulang kata sandi lewat tautan di email juga langsung membuka kunci akun:

            {reset}

            Jangan berikan kata sandi Anda kepada siapa pun, termasuk petugas kami.

            {Signature()}
            """);
    }

    public OutgoingMail AccountDeleted(string to) => new(to, "Akun Anda telah dihapus", $"""
        Yth. Bapak/Ibu,

        Sesuai permintaan Anda, akun Anda di {site.Value.Name} beserta profil dan data pribadi di dalamnya telah dihapus. Lamaran Anda disimpan tanpa identitas, hanya untuk statistik program pelatihan.

        Anda dapat mendaftar lagi kapan saja dengan alamat email ini.

        {Signature()}
        """);

    private string Signature() => MailSignature.For(site.Value);
}
