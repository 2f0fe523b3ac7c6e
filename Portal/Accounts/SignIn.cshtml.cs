using Microsoft.AspNetCore.RateLimiting;
using Portal.Security;

namespace Portal.Accounts;

[EnableRateLimiting(RateLimits.SignIn)]
public class SignInModel(AccountService accounts) : PageModel
{
    /// <summary>One message for a wrong address, a wrong password and a locked account: none tells which addresses exist.</summary>
    public const string RefusedMessage =
        "Email atau kata sandi salah. Setelah 5 kali salah, akun dikunci selama 15 menit. Lupa kata sandi? Atur ulang lewat tautan di bawah.";

    public const string NotConfirmedMessage =
        "Alamat email Anda belum dikonfirmasi. Kami telah mengirim ulang tautan konfirmasi; buka email tersebut, lalu masuk kembali.";

    public static string ThrottledMessage(TimeSpan wait) =>
        $"Terlalu banyak percobaan masuk yang gagal untuk alamat email ini dari perangkat Anda. Demi keamanan akun, coba lagi dalam {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} menit, atau atur ulang kata sandi lewat tautan di bawah.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The page asked for before signing in; kept by the links to registration, which carry it on through the email.</summary>
    [ReturnAddress]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? GoOn(Roles.IsStaff(User)) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var answer = await accounts.SignInAsync(Input.Email, Input.Password, Input.RememberMe, RateLimits.ClientAddress(HttpContext), ReturnUrl, cancellationToken);
        switch (answer.Outcome)
        {
            case SignInOutcome.Throttled:
                // The form again, with the reason, as a 429 that tells scripts when to come back.
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                RateLimits.SetRetryAfter(Response, answer.RetryAfter);
                ModelState.AddModelError(string.Empty, ThrottledMessage(answer.RetryAfter));
                return Page();
            case SignInOutcome.SignedIn:
                return GoOn(answer.IsStaff);
            case SignInOutcome.EmailNotConfirmed:
                ModelState.AddModelError(string.Empty, NotConfirmedMessage);
                return Page();
            default:
                ModelState.AddModelError(string.Empty, RefusedMessage);
                return Page();
        }
    }

    /// <summary>The return address (local: <see cref="ReturnAddressAttribute"/>), else the person's home page.</summary>
    private IActionResult GoOn(bool isStaff) => this.ReturnOrRedirectToPage(ReturnUrl, AccountAddresses.HomePage(isStaff));

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Alamat email wajib diisi.")]
        [StringLength(200, ErrorMessage = "Alamat email terlalu panjang.")]
        [Display(Name = "Alamat email")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Kata sandi wajib diisi.")]
        [StringLength(NewPasswordLengthAttribute.Maximum, ErrorMessage = "Kata sandi terlalu panjang.")]
        [DataType(DataType.Password)]
        [Display(Name = "Kata sandi")]
        public string Password { get; set; } = string.Empty;

        [Display(Name = "Tetap masuk di perangkat ini")]
        public bool RememberMe { get; set; }
    }
}
