namespace Portal.News;

public static class NewsServices
{
    public static IServiceCollection AddNews(this IServiceCollection services)
    {
        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<NewsQueries>();
        return services;
    }
}
