using Microsoft.Extensions.Options;

namespace Portal.Shared;

/// <summary>
/// Checks the validated options before the host starts, so that a wrong setting stops the start
/// with one line naming it (written to standard error, for systemd's journal) instead of a
/// host failure log with two stack traces.
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
            Report(failure);
            return false;
        }
        catch (AggregateException failures) when (failures.InnerExceptions.All(e => e is OptionsValidationException))
        {
            foreach (var failure in failures.InnerExceptions.Cast<OptionsValidationException>())
            {
                Report(failure);
            }

            return false;
        }
    }

    private static void Report(OptionsValidationException failure)
    {
        foreach (var message in failure.Failures)
        {
            Console.Error.WriteLine($"Portal tidak dimulai, konfigurasi salah: {message}");
        }
    }
}
