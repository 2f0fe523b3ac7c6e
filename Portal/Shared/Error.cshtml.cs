using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Shared;

/// <summary>
/// Every error a person can meet, in Indonesian: status codes re-executed here by the
/// status-code-pages middleware, and unexpected exceptions outside Development (no stack trace).
/// </summary>
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public IActionResult OnGet(int? code) => Show(code);

    public IActionResult OnPost(int? code) => Show(code);

    private PageResult Show(int? code)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        Code = code is >= 400 and <= 599 ? code.Value : 404;
        if (!reExecuted || Response.StatusCode < 400)
        {
            Response.StatusCode = Code;
        }

        return Page();
    }
}
