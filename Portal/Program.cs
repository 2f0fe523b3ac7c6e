using Portal.Accounts;
using Portal.Content;
using Portal.Data;
using Portal.Mail;
using Portal.News;
using Portal.Shared;
using Portal.Training;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = ContentRoot.Resolve(),
});

builder.Services
    .AddPortalData()
    .AddPortalSite()
    .AddMail()
    .AddAccounts()
    .AddContentImport()
    .AddNews()
    .AddTraining();

var app = builder.Build();

app.UsePortalSite();
app.MapNewsEndpoints();
app.MapSiteEndpoints();

app.Run();

/// <summary>Entry point, public so that the tests' WebApplicationFactory can start the app.</summary>
public partial class Program;
