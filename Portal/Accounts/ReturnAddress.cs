using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Portal.Accounts;

/// <summary>
/// Binds the return address ("kembali", from the query or the form, on GET too) through
/// <see cref="AccountAddresses.LocalReturnUrl"/>: the page property holds a path of this site or
/// null, never a foreign address, so views may link with it and handlers may redirect to it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ReturnAddressAttribute : BindPropertyAttribute
{
    public ReturnAddressAttribute()
    {
        SupportsGet = true;
        Name = AccountAddresses.ReturnUrl;
        BinderType = typeof(ReturnAddressBinder);
    }
}

/// <summary>The binder of <see cref="ReturnAddressAttribute"/>; a foreign or malformed value binds as null, without a model error.</summary>
public sealed class ReturnAddressBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName).FirstValue;
        bindingContext.Result = ModelBindingResult.Success(AccountAddresses.LocalReturnUrl(value));
        return Task.CompletedTask;
    }
}

public static class ReturnAddressResults
{
    /// <summary>To the bound return address (local by <see cref="ReturnAddressAttribute"/>), else to the page named.</summary>
    public static IActionResult ReturnOrRedirectToPage(this PageModel page, string? returnUrl, string pageName) =>
        returnUrl is null ? page.RedirectToPage(pageName) : page.LocalRedirect(returnUrl);
}
