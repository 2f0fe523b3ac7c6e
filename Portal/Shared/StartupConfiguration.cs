namespace Portal.Shared;

/// <summary>
/// Checks the validated options and migrates the database before the host starts, so that a wrong
/// setting or a database out of reach stops the start with one critical log line naming the
/// setting, and no stack trace: the host itself would log its failure to start with the exception
/// twice over. Program (and the admin commands) then exit with code 1.
/// </summary>
public static class StartupConfiguration
{
    /// <param name="migrateDatabase">False for a command that must find the database as it is (a backup or restore).</param>
    public static async Task<bool> IsReadyAsync(WebApplication app, bool migrateDatabase = true)
    {
        if (!IsValid(app))
        {
            return false;
        }

        if (!migrateDatabase)
        {
            return true;
        }

        try
        {
            await app.Services.GetRequiredService<DatabaseStartup>().MigrateAsync(CancellationToken.None);
            return true;
        }
        catch (DatabaseConfigurationException problem)
        {
            app.Logger.LogCritical("Portal tidak dimulai: {Problem}", problem.Message);
            return false;
        }
    }

    private static bool IsValid(WebApplication app)
    {
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
            return true;
        }
        catch (OptionsValidationException failure)
        {
            Report(app.Logger, failure);
            return false;
        }
        catch (AggregateException failures) when (failures.InnerExceptions.All(e => e is OptionsValidationException))
        {
            foreach (var failure in failures.InnerExceptions.Cast<OptionsValidationException>())
            {
                Report(app.Logger, failure);
            }

            return false;
        }
    }

    private static void Report(ILogger logger, OptionsValidationException failure)
    {
        foreach (var message in failure.Failures)
        {
            logger.LogCritical("Portal tidak dimulai, konfigurasi salah: {Problem}", message);
        }
    }
}
