using Npgsql;
using Portal.Admin.Users;
using Portal.Data;

namespace Portal.Tests.Data;

/// <summary>
/// A database setting that cannot work stops the start with one critical line naming the setting
/// and what is wrong, never a stack trace: in the app (through the factory), in the real process
/// (exit code 1) and in the admin commands.
/// </summary>
public class DatabaseStartupTests
{
    private const string StackTraceLine = "   at ";

    [Fact]
    public void An_unknown_provider_name_stops_the_start_naming_the_setting()
    {
        var log = StartFailure(new() { [DatabaseOptions.ProviderKey] = "Oracle" });

        Assert.Equal(
            "Critical Portal: Portal tidak dimulai, konfigurasi salah: Portal:Database:Provider = \"Oracle\" tidak dikenal; pilih Sqlite atau PostgreSql.",
            Assert.Single(log));
    }

    [Fact]
    public void PostgreSql_without_a_connection_string_stops_the_start_naming_the_setting()
    {
        var log = StartFailure(new() { [DatabaseOptions.ProviderKey] = "PostgreSql", [DatabaseOptions.ConnectionStringKey] = "" });

        Assert.StartsWith(
            "Critical Portal: Portal tidak dimulai, konfigurasi salah: Portal:Database:Provider = PostgreSql memerlukan ConnectionStrings:Portal",
            Assert.Single(log), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hots=127.0.0.1;Username=portal", "Hots")]
    [InlineData("Host=127.0.0.1;Port=lima;Username=portal", "port")]
    [InlineData("Username=portal;Password=rahasia-uji", "(Host=...)")]
    public void A_malformed_connection_string_stops_the_start_naming_the_setting(string connectionString, string named)
    {
        var line = Assert.Single(StartFailure(new() { [DatabaseOptions.ProviderKey] = "PostgreSql", [DatabaseOptions.ConnectionStringKey] = connectionString }));

        Assert.StartsWith("Critical Portal: Portal tidak dimulai, konfigurasi salah: ConnectionStrings:Portal tidak ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("rahasia-uji", line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_database_server_stops_the_start_naming_the_setting_and_the_server()
    {
        var port = LoopbackPorts.Free();

        var log = StartFailure(UnreachableServer(port));

        Assert.Equal(
            $"Critical Portal: Portal tidak dimulai: ConnectionStrings:Portal: server basis data 127.0.0.1:{port} tidak dapat dihubungi " +
            "(koneksi ditolak; apakah server berjalan dan port-nya benar?).",
            Assert.Single(log));
    }

    [Fact]
    [Trait("Database", "PostgreSqlOnly")]
    public void A_wrong_password_stops_the_start_saying_authentication_failed()
    {
        var dataPath = PortalFactory.NewDataPath();
        var connection = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString(dataPath)) { Password = "kata-sandi-salah" };

        var log = StartFailure(new() { [DatabaseOptions.ConnectionStringKey] = connection.ToString() });

        Assert.Equal(
            $"Critical Portal: Portal tidak dimulai: ConnectionStrings:Portal: autentikasi pengguna \"{connection.Username}\" ditolak oleh server basis data " +
            $"{connection.Host}:{connection.Port} (periksa nama pengguna dan kata sandi).",
            Assert.Single(log));
    }

    [Fact]
    [Trait("Database", "PostgreSqlOnly")]
    public async Task A_missing_database_the_user_may_not_create_stops_the_start_saying_it_is_missing()
    {
        var role = TestData.Unique("tanpa_hak").Replace('-', '_');
        await using (var server = new NpgsqlConnection(TestDatabase.ServerConnectionString))
        {
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE ROLE \"{role}\" LOGIN NOCREATEDB PASSWORD 'sandi-uji'", server);
            await create.ExecuteNonQueryAsync();
        }

        var connection = new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString)
        {
            Username = role,
            Password = "sandi-uji",
            Database = "portal_" + Guid.NewGuid().ToString("N")[..12],
        };

        var line = Assert.Single(StartFailure(new() { [DatabaseOptions.ConnectionStringKey] = connection.ToString() }));

        Assert.StartsWith(
            $"Critical Portal: Portal tidak dimulai: ConnectionStrings:Portal: basis data \"{connection.Database}\" tidak ada di server " +
            $"{connection.Host}:{connection.Port} dan tidak dapat dibuat oleh pengguna \"{role}\": ",
            line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_process_and_the_admin_commands_exit_with_code_1_and_one_line_when_the_database_is_unreachable()
    {
        var dataPath = PortalFactory.NewDataPath();
        var port = LoopbackPorts.Free();
        var environment = UnreachableServer(port).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        environment[AdminCommand.PasswordVariable] = "Kata-Sandi-Uji-2025";
        var expected = $"Portal tidak dimulai: ConnectionStrings:Portal: server basis data 127.0.0.1:{port} tidak dapat dihubungi";
        try
        {
            foreach (var args in new[] { new[] { "--urls", $"http://127.0.0.1:{LoopbackPorts.Free()}" }, ["admin", "create", "--email", "admin-uji@contoh.go.id"] })
            {
                using var portal = new PortalProcess(dataPath);

                var exitCode = await portal.RunCommandAsync(environment, args);

                Assert.True(exitCode == 1, $"exit code {exitCode}:\n{portal.Output}");
                Assert.Single(portal.Output.Split('\n'), line => line.Contains(expected, StringComparison.Ordinal));
                Assert.DoesNotContain(StackTraceLine, portal.Output, StringComparison.Ordinal);
            }
        }
        finally
        {
            if (Directory.Exists(dataPath))
            {
                Directory.Delete(dataPath, recursive: true);
            }
        }
    }

    /// <summary>PostgreSQL on a loopback port nobody listens on: refused at once, no server needed.</summary>
    private static Dictionary<string, string?> UnreachableServer(int port) => new()
    {
        [DatabaseOptions.ProviderKey] = "PostgreSql",
        [DatabaseOptions.ConnectionStringKey] = $"Host=127.0.0.1;Port={port};Username=portal;Password=rahasia-uji;Database=portal",
    };

    /// <summary>The lines of Warning and above that a start with these settings logged; none of them may carry a stack trace.</summary>
    private static List<string> StartFailure(Dictionary<string, string?> settings)
    {
        using var factory = new ConfiguredFactory(settings);
        var log = factory.StartFailure();
        Assert.DoesNotContain(StackTraceLine, log, StringComparison.Ordinal);
        Assert.DoesNotContain("rahasia-uji", log, StringComparison.Ordinal);
        return factory.Logs.Lines.Where(line => line.StartsWith("Warning", StringComparison.Ordinal)
            || line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal)).ToList();
    }

    private sealed class ConfiguredFactory(Dictionary<string, string?> settings) : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => settings;
    }
}
