using AugNet.Fuzzing;
using AugNet.Imaging;

namespace AugNet.Tests.Hostile;

/// <summary>
/// A short, seeded mutation fuzz of the loaders (issue 10): generated seeds, byte flips, truncations, insertions and
/// header-field patches (<see cref="FuzzInputs"/>, shared with the child-process harness <c>bench/run fuzz</c>);
/// every input must end within a few seconds in success or the loader's documented exception
/// (<see cref="InvalidImageException"/> for images, <see cref="InvalidDataException"/> for NPY, IDX and CSV).
/// In-process, so a native crash would take the test host down with it (none has been seen).
/// </summary>
public class MutationFuzzTests
{
    static readonly DecodeBudget Budget = new() { MaxPixels = 16L << 20 };

    [Theory]
    [InlineData("png")] [InlineData("jpeg")] [InlineData("bmp")] [InlineData("gif")] [InlineData("webp")]
    [InlineData("npy")] [InlineData("idx")] [InlineData("csv")]
    public void MutatedInputsEndQuicklyInSuccessOrADocumentedError(string format)
    {
        var rng = new Random(10_000 + format.Sum(c => c)); // seeded per format (string hashes vary per process)
        byte[] seed = FuzzInputs.Seed(format);
        var undocumented = new List<string>();
        for (int i = 0; i < 400; i++)
        {
            byte[] input = FuzzInputs.Mutate(seed, rng);
#pragma warning disable xUnit1031 // a bounded wait is the point: a hung decode must be reported, not awaited forever
            var task = Task.Run(() => FuzzInputs.Load(format, input, Budget));
            if (!task.Wait(TimeSpan.FromSeconds(10))) { undocumented.Add($"#{i}: no result within 10 s"); continue; }
            var e = task.Result;
#pragma warning restore xUnit1031
            bool documented = e is null || FuzzInputs.IsDocumented(format, e);
            if (!documented) undocumented.Add($"#{i}: {e!.GetType().Name}: {e.Message}");
            else if (e is InvalidImageException ie) Assert.Contains("fuzz." + format, ie.Message);
            else if (e is InvalidDataException && format == "csv") Assert.Contains("fuzz.csv", e.Message);
        }
        Assert.True(undocumented.Count == 0, string.Join("\n", undocumented));
    }
}
