using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Portal.Security;

namespace Portal.Shared;

/// <summary>
/// Every error a person can meet, in Indonesian: status codes re-executed here by the
/// status-code-pages middleware, and unexpected exceptions outside Development (no stack trace).
/// </summary>
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    /// <summary>Long enough not to hammer a database coming back, short enough that a reader's retry finds it.</summary>
    private static readonly TimeSpan RetryAfterOutage = TimeSpan.FromSeconds(30);

    public int Code { get; private set; }

    public IActionResult OnGet() => Show(CodeFromRoute());

    /// <summary>A failed post is shown again as a post.</summary>
    public IActionResult OnPost() => Show(CodeFromRoute());

    /// <summary>
    /// Read from the route, never bound: model binding would read the body, and the body may be
    /// the very form that could not be read (too large), which would lose the code as well.
    /// </summary>
    private int? CodeFromRoute() =>
        int.TryParse(RouteData.Values["code"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null;

    private PageResult Show(int? code)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        Code = code is >= 400 and <= 599 ? code.Value : 404;
        if (!reExecuted || Response.StatusCode < 400)
        {
            Response.StatusCode = Code;
        }
        else
        {
            // The exception handler re-executes its one path (/galat/500) with the status it chose: 503 for an outage.
            Code = Response.StatusCode;
        }

        if (Code == StatusCodes.Status503ServiceUnavailable)
        {
            RateLimits.SetRetryAfter(Response, RetryAfterOutage);
        }

        return Page();
    }
}
