using System.Net.Sockets;
using System.Text;

namespace Portal.Tests.Mail;

/// <summary>
/// Just enough of an SMTP server on loopback to take messages (no TLS, no authentication), and
/// to be absent: until <see cref="Start"/> its port refuses connections, as a server that is down.
/// Counts the messages it took, by subject line.
/// </summary>
public sealed class FakeSmtpServer(int port) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _subjects = [];
    private TcpListener? _listener;

    public int Port => port;

    public IReadOnlyList<string> Subjects
    {
        get
        {
            lock (_subjects)
            {
                return [.. _subjects];
            }
        }
    }

    public void Start()
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        _ = AcceptAsync(_listener);
    }

    /// <summary>May be called more than once (the factory's Dispose runs for both its disposals).</summary>
    public void Dispose()
    {
        if (!_stop.IsCancellationRequested)
        {
            _stop.Cancel();
            _listener?.Stop();
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 uji ESMTP");
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO" or "HELO":
                    await writer.WriteLineAsync("250 uji");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 lanjut");
                    await ReadMessageAsync(reader);
                    await writer.WriteLineAsync("250 diterima");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 sampai jumpa");
                    return;
                default:
                    await writer.WriteLineAsync("250 ok");
                    break;
            }
        }
    }

    private async Task ReadMessageAsync(StreamReader reader)
    {
        string? subject = null;
        while (await reader.ReadLineAsync() is { } line && line != ".")
        {
            if (subject is null && line.StartsWith("Subject: ", StringComparison.OrdinalIgnoreCase))
            {
                subject = line["Subject: ".Length..];
            }
        }

        lock (_subjects)
        {
            _subjects.Add(subject ?? string.Empty);
        }
    }
}
