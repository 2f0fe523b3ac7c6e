namespace Portal.Help;

/// <summary>The citizen's questions answered: /kontak (the office, complaints) and /tanya-jawab (the FAQ).</summary>
public static class HelpServices
{
    public static IServiceCollection AddHelp(this IServiceCollection services) => services.AddSingleton<FaqContent>();
}
