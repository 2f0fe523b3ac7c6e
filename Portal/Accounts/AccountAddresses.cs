namespace Portal.Accounts;

/// <summary>
/// The query names the /akun pages bind, and the addresses with a query that are built outside a
/// view (emailed links, links that come back). The paths come from the pages' routes.
/// </summary>
public static class AccountAddresses
{
    /// <summary>The local address to go back to after signing in or saving the profile.</summary>
    public const string ReturnUrl = "kembali";

    /// <summary>The account of an emailed confirmation or reset link.</summary>
    public const string User = "akun";

    /// <summary>The token of an emailed confirmation or reset link.</summary>
    public const string Code = "kode";

    public static string ConfirmEmail(this SiteLinks links, string userId, string code) =>
        links.Page("/Accounts/ConfirmEmail", new RouteValueDictionary { [User] = userId, [Code] = code });

    public static string ResetPassword(this SiteLinks links, string userId, string code) =>
        links.Page("/Accounts/ResetPassword", new RouteValueDictionary { [User] = userId, [Code] = code });

    public static string EditProfileThenReturnTo(this SiteLinks links, string localUrl) =>
        links.Page("/Accounts/EditProfile", new RouteValueDictionary { [ReturnUrl] = localUrl });
}
