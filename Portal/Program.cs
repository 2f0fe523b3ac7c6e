using Portal.Accounts;
using Portal.Admin;
using Portal.Admin.Users;
using Portal.Caching;
using Portal.Content;
using Portal.Help;
using Portal.Mail;
using Portal.News;
using Portal.Observability;
using Portal.Search;
using Portal.Security;
using Portal.Statistics;
using Portal.Training;

if (AdminCommand.IsInvoked(args))
{
    Environment.ExitCode = await AdminCommand.RunAsync(args);
    return;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = ContentRoot.Resolve(),
});

builder.Services
    .AddPortalData(builder.Configuration)
    .AddPortalSite()
    .AddRequestLimits()
    .AddPortalRateLimits()
    .AddMail()
    .AddAccounts()
    .AddKeyProtection(builder.Configuration, builder.Environment)
    .AddContentImport()
    .AddNews()
    .AddHelp()
    .AddTraining()
    .AddStatistics()
    .AddStaffArea()
    .AddSearch()
    .AddPageCache()
    .AddObservability(builder.Configuration);

var app = builder.Build();
if (!await StartupConfiguration.IsReadyAsync(app))
{
    Environment.ExitCode = 1;
    await app.DisposeAsync(); // flushes the console log with the line that says why
    return;
}

app.UsePortalSite();
app.MapNewsEndpoints();
app.MapSiteEndpoints();
app.MapStatistics();
app.MapAgenda();
app.MapStaffArea();
app.MapObservability();

app.Run();

/// <summary>Entry point, public so that the tests' WebApplicationFactory can start the app.</summary>
public partial class Program;
