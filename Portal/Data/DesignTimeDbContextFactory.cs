using Microsoft.EntityFrameworkCore.Design;

namespace Portal.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the web app.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
