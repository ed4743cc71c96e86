namespace AugNet.Cli.Commands;

/// <summary>
/// Turns the first Ctrl-C (SIGINT) into a cancellation that Fit honours after the batch in progress, so the run can
/// save a resumable checkpoint; a second Ctrl-C ends the process at once, as users expect when the first seems ignored.
/// </summary>
internal sealed class InterruptHandler : IDisposable
{
    readonly CancellationTokenSource _source = new();

    public InterruptHandler() => Console.CancelKeyPress += OnCancel;

    public CancellationToken Token => _source.Token;

    void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        if (_source.IsCancellationRequested) return;   // second Ctrl-C: let the runtime terminate
        e.Cancel = true;
        Console.Error.WriteLine("Ctrl-C: finishing the current batch, then saving a checkpoint (Ctrl-C again to quit at once).");
        _source.Cancel();
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        _source.Dispose();
    }
}
