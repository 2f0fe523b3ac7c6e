namespace Portal.Shared;

/// <summary>Where the command reads and writes; the tests pass their own.</summary>
public sealed record CommandConsole(TextWriter Out, TextWriter Error, Func<string, string?> ReadSecret, Func<string, string?> GetEnvironmentVariable)
{
    public static CommandConsole System => new(Console.Out, Console.Error, ReadHidden, Environment.GetEnvironmentVariable);

    /// <summary>Reads a password without echoing it; from a pipe it reads one line.</summary>
    private static string? ReadHidden(string prompt)
    {
        Console.Error.Write(prompt);
        if (Console.IsInputRedirected)
        {
            var line = Console.ReadLine();
            Console.Error.WriteLine();
            return line;
        }

        var text = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return text.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                text.Length = Math.Max(0, text.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }
}

/// <summary>The server's command-line verbs (`admin create --email x`, `admin backup --output DIR`).</summary>
public static class CommandLine
{
    /// <summary>The value of `--name value` or `--name=value` after the verb's words; null when absent.</summary>
    public static string? Option(string[] args, string name, int from)
    {
        for (var i = from; i < args.Length; i++)
        {
            if (args[i] == name && i + 1 < args.Length)
            {
                return args[i + 1].Trim();
            }

            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                return args[i][(name.Length + 1)..].Trim();
            }
        }

        return null;
    }
}
