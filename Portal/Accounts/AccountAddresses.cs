namespace Portal.Accounts;

/// <summary>
/// The query names the /akun pages bind, and the addresses with a query that are built outside a
/// view (emailed links, links that come back). The paths come from the pages' routes.
/// </summary>
public static class AccountAddresses
{
    /// <summary>The local address to go back to after signing in, registering or saving the profile.</summary>
    public const string ReturnUrl = "kembali";

    /// <summary>The account of an emailed confirmation or reset link.</summary>
    public const string User = "akun";

    /// <summary>The token of an emailed confirmation or reset link.</summary>
    public const string Code = "kode";

    /// <summary>
    /// Longer than any page of ours with its query (an apply page is under 100 characters); a
    /// longer value is not one of our addresses and would only stretch the emailed link.
    /// </summary>
    public const int ReturnUrlMaxLength = 500;

    /// <summary>
    /// The one rule for a return address, applied wherever one is read (<see cref="ReturnAddressAttribute"/>)
    /// and before one is written into an email: a path of this site, or nothing. An open redirect
    /// would let a phishing link look like ours, so this is stricter than Url.IsLocalUrl: a browser
    /// reads "//host" and "/\host" as another site and drops tabs and line breaks inside an address
    /// ("/\t/host"), hence no backslash anywhere and nothing but printable ASCII, which is all an
    /// encoded address of ours holds (a raw "ü" or space would also make an invalid Location header,
    /// a 500); "~/" is a server-side notation no link of ours writes. Whatever fails is dropped
    /// silently and the person lands on the default page, which is all a mistyped or forged link deserves.
    /// </summary>
    public static string? LocalReturnUrl(string? candidate) =>
        candidate is { Length: > 0 and <= ReturnUrlMaxLength }
        && candidate[0] == '/'
        && (candidate.Length == 1 || candidate[1] != '/')
        && candidate.All(c => c is > ' ' and < '\u007f' and not '\\')
            ? candidate
            : null;

    /// <summary>Where a signed-in person lands without a return address: staff work in /admin, a job seeker's home is the profile.</summary>
    public static string HomePage(bool isStaff) => isStaff ? "/Admin/Index" : "/Accounts/Profile";

    public static string ConfirmEmail(this SiteLinks links, string userId, string code, string? returnUrl) =>
        links.Page("/Accounts/ConfirmEmail", WithReturn(new RouteValueDictionary { [User] = userId, [Code] = code }, returnUrl));

    public static string SignIn(this SiteLinks links, string? returnUrl) =>
        links.Page("/Accounts/SignIn", WithReturn([], returnUrl));

    public static string ResetPassword(this SiteLinks links, string userId, string code, string? returnUrl) =>
        links.Page("/Accounts/ResetPassword", WithReturn(new RouteValueDictionary { [User] = userId, [Code] = code }, returnUrl));

    public static string EditProfileThenReturnTo(this SiteLinks links, string localUrl) =>
        links.Page("/Accounts/EditProfile", WithReturn([], localUrl));

    private static RouteValueDictionary WithReturn(RouteValueDictionary values, string? returnUrl)
    {
        if (LocalReturnUrl(returnUrl) is { } local)
        {
            values[ReturnUrl] = local;
        }

        return values;
    }
}
