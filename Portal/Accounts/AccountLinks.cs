namespace Portal.Accounts;

/// <summary>The public addresses of the /akun pages (PRODUCT.md), one constant each.</summary>
public static class AccountLinks
{
    public const string Register = "/akun/daftar";
    public const string SignIn = "/akun/masuk";
    public const string SignOut = "/akun/keluar";
    public const string ForgotPassword = "/akun/lupa-sandi";
    public const string ResetPassword = "/akun/atur-ulang-sandi";
    public const string ConfirmEmail = "/akun/konfirmasi";
    public const string ChangePassword = "/akun/ubah-sandi";
    public const string Profile = "/akun/profil";
    public const string EditProfile = "/akun/profil/ubah";
    public const string Applications = "/akun/lamaran";
    public const string PersonalData = "/akun/data-pribadi";
    public const string Deleted = "/akun/dihapus";

    /// <summary>Query parameter of the page to return to after signing in.</summary>
    public const string ReturnUrlParameter = "kembali";

    public static string SignInThenReturnTo(string localUrl) => $"{SignIn}?{ReturnUrlParameter}={Uri.EscapeDataString(localUrl)}";

    public static string ConfirmEmailLink(string userId, string code) =>
        $"{ConfirmEmail}?akun={Uri.EscapeDataString(userId)}&kode={Uri.EscapeDataString(code)}";

    public static string ResetPasswordLink(string userId, string code) =>
        $"{ResetPassword}?akun={Uri.EscapeDataString(userId)}&kode={Uri.EscapeDataString(code)}";
}
