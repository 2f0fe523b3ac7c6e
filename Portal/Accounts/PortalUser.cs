using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Portal.Accounts;

/// <summary>A person who signs in: a job seeker or a member of staff (by role). The email is also the user name.</summary>
public class PortalUser : IdentityUser
{
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>Staff roles. Job seekers have no role.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Editor = "Editor";
    public const string Operator = "Operator";

    public static readonly IReadOnlyList<string> All = [Admin, Editor, Operator];

    /// <summary>Any staff role makes a member of staff.</summary>
    public static bool IncludeStaff(IEnumerable<string> roles) => roles.Any(All.Contains);

    public static bool IsStaff(ClaimsPrincipal user) => All.Any(user.IsInRole);
}
