using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Content;

/// <summary>
/// Where the start-up import is: it runs in the background while the site already serves what
/// the database holds, so /healthz says Degraded with the progress until it ends, and whoever
/// must wait for the whole content (the tests' factory, a benchmark) awaits <see cref="Completion"/>.
/// A singleton: the background import writes it, health checks and waiters read it.
/// </summary>
public sealed class ContentImportStatus
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _filesTotal;
    private int _filesDone;
    private volatile bool _started;
    private volatile string? _failure;

    /// <summary>Completes when the start-up import has ended, however it ended (never faults).</summary>
    public Task Completion => _completion.Task;

    public bool IsFinished => _completion.Task.IsCompleted;

    public int FilesTotal => Volatile.Read(ref _filesTotal);

    public int FilesDone => Volatile.Read(ref _filesDone);

    /// <summary>Why the last import stopped before its end; null when it ended normally.</summary>
    public string? Failure => _failure;

    internal void Start(int filesTotal)
    {
        Volatile.Write(ref _filesDone, 0);
        Volatile.Write(ref _filesTotal, filesTotal);
        _started = true;
    }

    internal void Advance(int files) => Interlocked.Add(ref _filesDone, files);

    internal void Finish(string? failure = null)
    {
        _failure = failure;
        _completion.TrySetResult();
    }

    internal HealthCheckResult Check()
    {
        var data = new Dictionary<string, object> { ["filesDone"] = FilesDone, ["filesTotal"] = FilesTotal };
        if (!IsFinished)
        {
            return HealthCheckResult.Degraded(
                _started
                    ? string.Create(Wib.Culture, $"Impor konten berjalan: {FilesDone:N0} dari {FilesTotal:N0} berkas.")
                    : "Impor konten belum dimulai.",
                data: data);
        }

        return _failure is null
            ? HealthCheckResult.Healthy(string.Create(Wib.Culture, $"Impor konten selesai: {FilesTotal:N0} berkas diperiksa."), data)
            : HealthCheckResult.Degraded($"Impor konten terhenti: {_failure}. Situs menampilkan isi yang sudah ada di basis data.", data: data);
    }
}
