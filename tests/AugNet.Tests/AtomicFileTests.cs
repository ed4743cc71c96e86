using AugNet.Imaging;

namespace AugNet.Tests;

public sealed class AtomicFileTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("augnet-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AWriterThatFailsLeavesTheOldFileAndNoTemporary()
    {
        string path = Path.Combine(_dir, "a.npy");
        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[1000]);
            throw new InvalidOperationException("writer failed");
        }, "NPY file"));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal(["a.npy"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void ConcurrentWritersOfOnePathNeverShareATemporary()
    {
        // Every writer keeps its temporary file open until all have written, so the writes truly overlap.
        const int writers = 4;
        string path = Path.Combine(_dir, "same.bin");
        using var allWritten = new Barrier(writers);
        var errors = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        var threads = Enumerable.Range(0, writers).Select(i => new Thread(() =>
        {
            try
            {
                AtomicFile.Write(path, s =>
                {
                    s.Write(Enumerable.Repeat((byte)i, 4096).ToArray());
                    if (!allWritten.SignalAndWait(TimeSpan.FromSeconds(10))) throw new TimeoutException("a writer never reached the barrier");
                }, "test file");
            }
            catch (Exception e) { errors.Add(e); }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Empty(errors);
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(4096, bytes.Length);
        Assert.All(bytes, b => Assert.Equal(bytes[0], b)); // one writer's whole content, not a mix
        Assert.Equal(["same.bin"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void AMissingFolderIsNamedWithTheFile()
    {
        string path = Path.Combine(_dir, "nope", "w.augnetw");
        var e = Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.Write(path, [1], "weights file"));
        Assert.Equal($"Cannot save weights file '{path}': the folder '{Path.Combine(_dir, "nope")}' does not exist.", e.Message);
    }
}
