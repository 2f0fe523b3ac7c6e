namespace Portal.Accounts;

/// <summary>
/// The length a new password must have, stated once for every form that sets one (sign-up,
/// reset, change) and for Identity, which checks the minimum again when the password is saved.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NewPasswordLengthAttribute : StringLengthAttribute
{
    public const int Minimum = 8;

    /// <summary>Also the longest password a sign-in or a change accepts as the current one: none longer was ever set.</summary>
    public const int Maximum = 128;

    public NewPasswordLengthAttribute()
        : base(Maximum)
    {
        MinimumLength = Minimum;
        ErrorMessage = "Kata sandi minimal {2} dan paling banyak {1} karakter.";
    }
}
