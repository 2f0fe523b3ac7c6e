namespace Portal.Accounts;

/// <summary>Names of the authorization policies; pages get them through folder and page conventions, never as strings.</summary>
public static class Policies
{
    /// <summary>Any signed-in person: a job seeker (no role) or staff.</summary>
    public const string SignedIn = "SignedIn";
}
