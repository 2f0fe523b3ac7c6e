namespace Portal.Training;

/// <summary>
/// Gives a registration number to every application stored before numbers existed. It runs at
/// start-up, after the migrations (run before the host starts) and before requests are
/// served, so pages never meet an old application without one. It touches only applications
/// without a number, so a restart in the middle just carries on and no number ever changes.
/// The year is that of the application's date in WIB, as for new ones.
/// </summary>
public sealed class RegistrationNumbering(IServiceScopeFactory scopes, ILogger<RegistrationNumbering> logger) : IHostedService
{
    private const int PerSave = 500;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var numbered = 0;
        while (true)
        {
            var applications = await db.Applications.Where(a => a.RegistrationNumber == null).OrderBy(a => a.Id).Take(PerSave).ToListAsync(cancellationToken);
            if (applications.Count == 0)
            {
                break;
            }

            var drawn = new HashSet<string>(StringComparer.Ordinal);
            foreach (var application in applications)
            {
                string number;
                do
                {
                    number = await RegistrationNumbers.NewAsync(db, Wib.DateOf(application.CreatedAtUtc).Year, cancellationToken);
                }
                while (!drawn.Add(number));
                application.RegistrationNumber = number;
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            numbered += applications.Count;
        }

        if (numbered > 0)
        {
            logger.LogInformation("Gave registration numbers to {Count} applications stored before numbers existed", numbered);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
