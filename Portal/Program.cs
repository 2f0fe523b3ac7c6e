using Portal.Accounts;
using Portal.Content;
using Portal.Data;
using Portal.News;
using Portal.Search;
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
    .AddAccounts()
    .AddContentImport()
    .AddNews()
    .AddTraining()
    .AddSearch();

var app = builder.Build();

app.UsePortalSite();
app.MapNewsEndpoints();
app.MapSiteEndpoints();

app.Run();

/// <summary>Entry point, public so that the tests' WebApplicationFactory can start the app.</summary>
public partial class Program;
