using Microsoft.AspNetCore.Identity;
using Portal.Accounts;

namespace Portal.Admin.Users;

/// <summary>
/// `dotnet run --project Portal -- admin create --email nama@instansi.go.id`: makes the first
/// Admin on a new server, where nobody can sign in yet. The password comes from the environment
/// variable PORTAL_ADMIN_PASSWORD (for scripts) or is asked twice without echo; it is never an
/// argument, which would stay in the shell history and the process list. Handled before the web
/// app is built: the command starts no web server and exits. `admin backup` and `admin restore`
/// are passed on to <see cref="BackupCommand"/>.
/// </summary>
public static class AdminCommand
{
    public const string Verb = "admin";
    public const string PasswordVariable = "PORTAL_ADMIN_PASSWORD";

    private const string Usage = """
        Penggunaan: dotnet run --project Portal -- admin create --email NAMA@INSTANSI.GO.ID
                    dotnet run --project Portal -- admin backup --output FOLDER
                    dotnet run --project Portal -- admin restore --input FOLDER
                    dotnet run --project Portal -- admin migrate-database --to-connection "Host=…;Database=…;Username=…"
        (di server: dotnet Portal.dll admin ...)

        create   Membuat akun Admin pertama. Kata sandi dibaca dari variabel lingkungan
                 PORTAL_ADMIN_PASSWORD atau ditanyakan (dua kali, tanpa ditampilkan). Jika email sudah
                 terdaftar, akun itu diberi peran Admin dan kata sandinya tidak diubah.
        backup   Mencadangkan basis data, unggahan, dan kunci ke FOLDER baru, juga saat portal berjalan
                 (hanya SQLite; basis data PostgreSQL dicadangkan dengan pg_dump).
        restore  Memulihkan cadangan dari FOLDER ke folder data (Portal:DataPath) yang masih kosong.
        migrate-database
                 Menyalin data portal SQLite ini (juga saat berjalan) ke basis data PostgreSQL yang kosong,
                 memeriksa jumlah baris setiap tabel, dan menampilkan pengaturan baru untuk setiap node.
                 Kata sandi sebaiknya di variabel lingkungan PGPASSWORD, bukan di argumen.
        """;

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == Verb;

    /// <summary>Builds only the data and account services of the portal, with its usual configuration.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot.Resolve() });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Only the services the commands use are registered; Development's check of every
        // registration on build would fail on account services that need the whole site.
        builder.Host.UseDefaultServiceProvider(options => options.ValidateOnBuild = false);
        builder.Services.AddPortalData(builder.Configuration).AddAccounts();
        builder.Services.AddScoped<AuditLog>().AddScoped<StaffAccounts>();
        await using var app = builder.Build();

        // A backup copies the database as it is, and a restore needs a data folder with no
        // database yet: migrating first would change the one and fill the other; a move to
        // PostgreSQL checks first that the configured database is SQLite, then migrates it itself.
        // A wrong setting or a database out of reach is one line, as when the portal starts.
        if (!await StartupConfiguration.IsReadyAsync(app, migrateDatabase: !BackupCommand.IsInvoked(args) && !MigrateDatabaseCommand.IsInvoked(args)))
        {
            return 1;
        }

        return await RunAsync(args, app.Services, CommandConsole.System);
    }

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, CommandConsole console)
    {
        if (BackupCommand.IsInvoked(args))
        {
            return await BackupCommand.RunAsync(args, services, console)
                ?? await PrintUsageAsync(console);
        }

        if (MigrateDatabaseCommand.IsInvoked(args))
        {
            return await MigrateDatabaseCommand.RunAsync(args, services, console) ?? await PrintUsageAsync(console);
        }

        var email = ParseCreate(args);
        if (email is null)
        {
            return await PrintUsageAsync(console);
        }

        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        await accounts.EnsureRolesAsync();

        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            var granted = await accounts.GrantAdminAsync(existing, StaffActor.CommandLine);
            return await ReportAsync(console, granted, $"Akun {email} sudah ada; kini berperan Admin. Kata sandinya tidak diubah.");
        }

        var password = console.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            password = console.ReadSecret("Kata sandi Admin: ");
            if (string.IsNullOrEmpty(password) || console.ReadSecret("Ulangi kata sandi: ") != password)
            {
                await console.Error.WriteLineAsync("Kata sandi kosong atau kedua isian tidak sama. Akun tidak dibuat.");
                return 1;
            }
        }

        var created = await accounts.CreateAsync(email, [Roles.Admin], password, StaffActor.CommandLine);
        return await ReportAsync(console, created, $"Akun Admin {email} dibuat. Masuk di /akun/masuk.");
    }

    /// <summary>The email of `admin create --email x` (or --email=x); null for anything else.</summary>
    private static string? ParseCreate(string[] args) =>
        args.Length >= 2 && args[0] == Verb && args[1] == "create" ? CommandLine.Option(args, "--email", from: 2) : null;

    private static async Task<int> PrintUsageAsync(CommandConsole console)
    {
        await console.Error.WriteLineAsync(Usage);
        return 2;
    }

    private static async Task<int> ReportAsync(CommandConsole console, FormResult result, string success)
    {
        if (result.Succeeded)
        {
            await console.Out.WriteLineAsync(success);
            return 0;
        }

        foreach (var error in result.Errors)
        {
            await console.Error.WriteLineAsync(error.Message);
        }

        return 1;
    }
}
