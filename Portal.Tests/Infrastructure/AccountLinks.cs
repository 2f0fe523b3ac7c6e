namespace Portal.Tests.Infrastructure;

/// <summary>
/// The /akun addresses PRODUCT.md promises, written here on their own: the app takes them from
/// the pages' @page directives, so a changed route fails the tests instead of following along.
/// </summary>
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
}
