using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Portal.Data;

/// <summary>
/// Brings the database to the current schema before the host starts (Program, and the admin
/// commands), so that every hosted service and request finds it migrated. A database that cannot be
/// reached or refuses the portal becomes a <see cref="DatabaseConfigurationException"/> whose one
/// line names ConnectionStrings:Portal and what is wrong (see <see cref="DatabaseUnavailable"/>).
/// The context here has no logger on purpose: EF Core would log the failed connection with its
/// stack trace before that line could say what is wrong.
/// </summary>
public sealed class DatabaseStartup(DatabaseProvider provider, string connectionString)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var databaseMissing = false;
        try
        {
            await using var db = PortalDbContexts.Create(provider, connectionString);
            // Asked first so that a failure to create it can be told apart from one to migrate it.
            databaseMissing = !await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken);
            await DatabaseSetup.MigrateAsync(db, cancellationToken);
        }
        catch (Exception e) when (DatabaseUnavailable.StartProblem(e, provider, connectionString, databaseMissing) is { } problem)
        {
            throw new DatabaseConfigurationException(problem, e);
        }
    }
}
