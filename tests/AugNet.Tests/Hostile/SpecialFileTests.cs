using System.Diagnostics;
using AugNet.Augmentation;
using AugNet.Data;
using AugNet.Imaging;
using AugNet.Tests.Data;

namespace AugNet.Tests.Hostile;

/// <summary>Issue 10 item 4: FIFOs, device links and link loops in image folders neither hang nor exhaust memory.</summary>
public sealed class SpecialFileTests : IDisposable
{
    readonly TempTree _tree = new();
    public void Dispose() => _tree.Dispose();

    static readonly PipelineOptions Quiet = new() { Log = TextWriter.Null };

    static void MkFifo(string path)
    {
        using var p = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    /// <summary>Runs <paramref name="action"/> on a thread of its own and fails if it has not returned within <paramref name="seconds"/>.</summary>
    static T Bounded<T>(Func<T> action, int seconds = 10)
    {
        var task = Task.Factory.StartNew(action, TaskCreationOptions.LongRunning);
        Assert.True(task.Wait(TimeSpan.FromSeconds(seconds)), $"did not return within {seconds} s");
        return task.Result;
    }

    static Exception BoundedThrow(Action action, int seconds = 10) =>
        Bounded(() => Record.Exception(action), seconds) ?? throw new Xunit.Sdk.XunitException("expected an exception");

    [Fact]
    public void FifoNamedPngIsNotListedAndLoadingItRefusesWithoutOpening()
    {
        if (!OperatingSystem.IsLinux()) return;
        _tree.Png("cats/a.png");
        string fifo = Path.Combine(_tree.Root, "cats", "x.png");
        MkFifo(fifo);
        var it = Bounded(() => new ImageDataGenerator().FlowFromDirectory(_tree.Root, targetSize: (8, 8), batchSize: 4, pipeline: Quiet));
        Assert.Equal(["cats/a.png"], it.Filenames);
        Assert.Equal(1, Bounded(() => it.Next().X.Shape[0]));
        Assert.True(Bounded(() => { it.Dispose(); return true; }, 5));

        var e = Assert.IsType<InvalidImageException>(BoundedThrow(() => ImageLoader.LoadImage(fifo)));
        Assert.Contains(fifo, e.Message);
        Assert.Contains("FIFO", e.Message);
    }

    [Fact]
    public void LinkToDevZeroNamedPngIsNotListedAndLoadingItRefuses()
    {
        if (!OperatingSystem.IsLinux()) return;
        _tree.Png("cats/a.png");
        string link = Path.Combine(_tree.Root, "cats", "x.png");
        File.CreateSymbolicLink(link, "/dev/zero");
        var it = Bounded(() => new ImageDataGenerator().FlowFromDirectory(_tree.Root, targetSize: (8, 8), pipeline: Quiet));
        Assert.Equal(["cats/a.png"], it.Filenames);
        it.Dispose();

        var e = Assert.IsType<InvalidImageException>(BoundedThrow(() => ImageLoader.LoadImage(link)));
        Assert.Contains(link, e.Message);
        Assert.Contains("character device", e.Message);
    }

    [Fact]
    public void LinkToARegularImageIsStillListed()
    {
        string real = _tree.Png("elsewhere/real.png");
        Directory.CreateDirectory(Path.Combine(_tree.Root, "data", "cats"));
        File.CreateSymbolicLink(Path.Combine(_tree.Root, "data", "cats", "l.png"), real);
        using var it = new ImageDataGenerator().FlowFromDirectory(Path.Combine(_tree.Root, "data"), targetSize: (8, 8), pipeline: Quiet);
        Assert.Equal(["cats/l.png"], it.Filenames);
    }

    [Fact]
    public void SymlinkLoopsWithFollowLinksEndListing()
    {
        _tree.Png("cats/a.png");
        _tree.Png("cats/sub/b.png");
        // Two loops: a link to the class folder itself, and one from a sub-folder back to its parent.
        Directory.CreateSymbolicLink(Path.Combine(_tree.Root, "cats", "loop"), Path.Combine(_tree.Root, "cats"));
        Directory.CreateSymbolicLink(Path.Combine(_tree.Root, "cats", "sub", "up"), Path.Combine(_tree.Root, "cats"));
        var it = Bounded(() => new ImageDataGenerator().FlowFromDirectory(_tree.Root, targetSize: (8, 8), followLinks: true, pipeline: Quiet));
        Assert.Equal(["cats/a.png", "cats/sub/b.png"], it.Filenames);
        it.Dispose();
    }

    [Fact]
    public void SymlinkToAFolderOutsideIsFollowedOnce()
    {
        _tree.Png("cats/a.png");
        _tree.Png("shared/s.png");
        Directory.CreateSymbolicLink(Path.Combine(_tree.Root, "cats", "shared1"), Path.Combine(_tree.Root, "shared"));
        Directory.CreateSymbolicLink(Path.Combine(_tree.Root, "cats", "shared2"), Path.Combine(_tree.Root, "shared"));
        using var it = new ImageDataGenerator().FlowFromDirectory(_tree.Root, classes: ["cats"], targetSize: (8, 8), followLinks: true, pipeline: Quiet);
        // Not a cycle: the same folder reached by two paths is listed under both, as os.walk does.
        Assert.Equal(["cats/a.png", "cats/shared1/s.png", "cats/shared2/s.png"], it.Filenames);
    }

    /// <summary>A batch build stuck in I/O that ignores cancellation (a hung network file).</summary>
    sealed class Stuck() : BatchIterator(8, 2, false, 0, new PipelineOptions { Log = TextWriter.Null, PrefetchDepth = 2 })
    {
        public static readonly ManualResetEventSlim Release = new(false);
        protected override BatchRecipe Prepare(long ordinal, int[] indices, NumpyRandom rng) => new(ordinal, indices, null, null);
        protected override Batch Build(BatchRecipe recipe, CancellationToken cancel)
        {
            if (recipe.Ordinal > 0) Release.Wait(TimeSpan.FromMinutes(2));
            return new(new Tensor(recipe.Indices.Select(i => (float)i).ToArray(), recipe.Indices.Length), null);
        }
    }

    [Fact]
    public void DisposeReturnsPromptlyWhileAWorkerIsStuckInIo()
    {
        var it = new Stuck();
        it.Next(); // queues two background builds that block
        var clock = Stopwatch.StartNew();
        Assert.True(Bounded(() => { it.Dispose(); return true; }, 8));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"Dispose took {clock.Elapsed}");
        Stuck.Release.Set();
    }
}
