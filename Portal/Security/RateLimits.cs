using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Accounts;
using Portal.Observability;

namespace Portal.Security;

/// <summary>
/// The portal's request limits, all in one place: named policies of ASP.NET Core's rate limiter,
/// put on pages with <see cref="EnableRateLimitingAttribute"/>. A policy counts only the requests
/// that cost something or could hurt someone (a form's post, a search), never the reading of a
/// form. A refused request gets status 429, a Retry-After header and, through the status-code
/// pages, the Indonesian /galat/429 page.
/// </summary>
/// <remarks>
/// Razor Pages give a page one endpoint for all its handlers, so a policy on a page model sees
/// its GETs too: the partitions below let those through without a limiter. Limits per target
/// (one account, one email address) need the posted form, which a partitioner cannot read; they
/// live where the form is handled: <see cref="SignInThrottle"/> and <see cref="EmailBudget"/>.
/// The limiters are in memory, per app node; with several nodes each counts its own share.
/// </remarks>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Registration = "registration";
    public const string PasswordReset = "password-reset";
    public const string Apply = "apply";
    public const string ProfileSave = "profile-save";
    public const string Search = "search";
    public const string Upload = "upload";

    /// <summary>The article editor's live preview posts on every pause in typing; it decodes no image.</summary>
    private const string LivePreviewHandler = "RenderPreview";

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.FailedSignInsPerAccountAndClient < AccountServices.LockoutThreshold,
                $"{RateLimitOptions.Section}:{nameof(RateLimitOptions.FailedSignInsPerAccountAndClient)} must be below the lockout threshold ({AccountServices.LockoutThreshold}).")
            .ValidateOnStart();
        services.AddSingleton<RateLimitRejections>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<EmailBudget>();

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = OnRejectedAsync;
            options.AddPolicy(SignIn, context => Posts(context, PerClient(context), o => o.SignInsPerMinute, TimeSpan.FromMinutes(1)));
            options.AddPolicy(Registration, context => Posts(context, PerClient(context), o => o.RegistrationsPerHour, TimeSpan.FromHours(1)));
            options.AddPolicy(PasswordReset, context => Posts(context, PerClient(context), o => o.PasswordResetsPerHour, TimeSpan.FromHours(1)));
            options.AddPolicy(Apply, context => Posts(context, PerAccount(context), o => o.ApplicationsPerHour, TimeSpan.FromHours(1)));
            options.AddPolicy(ProfileSave, context => Posts(context, PerAccount(context), o => o.ProfileSavesPerHour, TimeSpan.FromHours(1)));
            options.AddPolicy(Search, context => Window(context, PerClient(context), o => o.SearchesPerMinute, TimeSpan.FromMinutes(1)));
            options.AddPolicy(Upload, context => context.Request.Query["handler"] == LivePreviewHandler
                ? RateLimitPartition.GetNoLimiter(string.Empty)
                : Posts(context, PerAccount(context), o => o.UploadsPerMinute, TimeSpan.FromMinutes(1)));
        });
        return services;
    }

    /// <summary>
    /// The client the request came from (the real one once forwarded headers are applied);
    /// "unknown" without one. An IPv6 client counts as its /64 network: one subscriber is given a
    /// whole /64 and could otherwise take a new address, and a new limit, for every request.
    /// </summary>
    public static string ClientAddress(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static string PerClient(HttpContext context) => "client:" + ClientAddress(context);

    /// <summary>Signed-in work is counted per account, so that people behind one address (an office, a mobile network) do not share a limit.</summary>
    private static string PerAccount(HttpContext context) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId ? "account:" + userId : PerClient(context);

    /// <summary>Only form posts count; reading the page is free.</summary>
    private static RateLimitPartition<string> Posts(HttpContext context, string key, Func<RateLimitOptions, int> permits, TimeSpan window) =>
        HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? RateLimitPartition.GetNoLimiter(string.Empty)
            : Window(context, key, permits, window);

    private static RateLimitPartition<string> Window(HttpContext context, string key, Func<RateLimitOptions, int> permits, TimeSpan window)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits(options),
            Window = window,
            QueueLimit = 0,
        });
    }

    private static ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        SetRetryAfter(context.Response, wait);
        var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "unknown";
        context.RequestServices.GetRequiredService<RateLimitRejections>().Record(policy);
        return ValueTask.CompletedTask;
    }

    /// <summary>Whole seconds, at least one: what the header allows.</summary>
    public static void SetRetryAfter(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Every refusal by a limit passes here: the rate limiter's policies, the sign-in throttle and the
/// email budget. It logs each one and counts it in the portal's metrics (by limit name only, never
/// the client or the account).
/// </summary>
public sealed class RateLimitRejections(ILogger<RateLimitRejections> logger, PortalMetrics metrics)
{
    public const string FailedSignIns = "failed-sign-ins";
    public const string EmailBudget = "email-budget";

    public void Record(string limit)
    {
        logger.LogInformation("Request refused by the rate limit {RateLimit}", limit);
        metrics.RateLimitRejected(limit);
    }
}
