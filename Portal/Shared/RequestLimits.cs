using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Portal.Shared;

/// <summary>
/// The one place that says how large a request may be. The largest legitimate post is the article
/// editor with a 5 MB cover and a 100,000-character body; anything far above that is refused
/// with the Indonesian 413 page before a byte of it is read, instead of being buffered and failing
/// later (the framework's defaults are 30 MB for a body and 128 MB for a multipart form).
/// </summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 8 * 1024 * 1024;

    /// <summary>The same figure, as people read it on the 413 page.</summary>
    public const string MaxBodyText = "8 MB";

    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        // Kestrel stops a body that grows past the limit while it is read (a chunked body announces no length).
        services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = MaxBodyBytes);
        services.Configure<FormOptions>(options => options.MultipartBodyLengthLimit = MaxBodyBytes);
        services.Configure<MvcOptions>(options => options.Filters.Add(new RefuseDeclaredOversizeBody()));
        return services;
    }

    /// <summary>
    /// A body whose declared length is over the limit gets 413 at once, before the antiforgery
    /// check reads the form (a form it cannot read would otherwise be a 400 that says nothing
    /// about size). Also where no Kestrel limit applies (in-process test server, another host).
    /// </summary>
    private sealed class RefuseDeclaredOversizeBody : IAuthorizationFilter, IOrderedFilter
    {
        /// <summary>Before the antiforgery filter (order 1000) and any other that reads the body.</summary>
        public int Order => int.MinValue;

        public void OnAuthorization(AuthorizationFilterContext context)
        {
            var http = context.HttpContext;
            if (http.Request.ContentLength > MaxBodyBytes && http.Features.Get<IStatusCodeReExecuteFeature>() is null)
            {
                context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
            }
        }
    }
}
