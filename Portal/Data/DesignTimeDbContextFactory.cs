using Microsoft.EntityFrameworkCore.Design;

namespace Portal.Data;

/// <summary>
/// Lets `dotnet ef migrations add` build the model without starting the web app, once per provider:
/// `--context SqlitePortalDbContext --output-dir Data/Migrations/Sqlite`, and the same with
/// PostgreSqlPortalDbContext and Data/Migrations/PostgreSql (no server is needed to add a migration).
/// </summary>
public sealed class SqliteDesignTimeDbContextFactory : IDesignTimeDbContextFactory<SqlitePortalDbContext>
{
    public SqlitePortalDbContext CreateDbContext(string[] args) =>
        (SqlitePortalDbContext)PortalDbContexts.Create(DatabaseProvider.Sqlite, "Data Source=design-time.db");
}

public sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlPortalDbContext>
{
    public PostgreSqlPortalDbContext CreateDbContext(string[] args) =>
        (PostgreSqlPortalDbContext)PortalDbContexts.Create(DatabaseProvider.PostgreSql, "Host=localhost;Database=portal_design_time");
}
