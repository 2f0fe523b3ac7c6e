namespace Portal.Shared;

/// <summary>
/// Checks the validated options before the host starts, so that a wrong setting stops the start
/// with one critical log line naming it, and no stack trace: the host itself would log its
/// failure to start with the exception twice over. Program then exits with code 1.
/// </summary>
public static class StartupConfiguration
{
    public static bool IsValid(WebApplication app)
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
