using AugNet.Augmentation;
using AugNet.Data;
using AugNet.Imaging;
using AugNet.NN;
using AugNet.Persistence;
using AugNet.Tests.Cli;

namespace AugNet.Tests.Imaging;

/// <summary>
/// jpegDraft: JPEGs decoded at 1/2, 1/4 or 1/8 scale as Pillow's <c>Image.draft("RGB", size)</c>, against Pillow 9.4's
/// own draft pixels (Fixtures/make_draft_fixtures.py: a 264×200 JPEG drafted for 64×64 → 1/2, 32×32 and 30×45 → 1/4,
/// 25×25 → 1/8), then load_img's nearest resize; off by default; carried through the iterators and the CLI's model file.
/// </summary>
[Collection("Cli")]
public class JpegDraftTests(CliFixture f)
{
    static string Jpeg => Support.Fixtures.PathOf("Imaging/Fixtures", "draft.jpg");

    static float[] Expected(string name) => NpyArray.Load(Support.Fixtures.PathOf("Imaging/Fixtures", name)).ToSingle();

    static float[] Floats(RasterImage image) => [.. image.Bytes.Select(b => (float)b)];

    [Theory]
    [InlineData(64, 64, 132, 100)]
    [InlineData(32, 32, 66, 50)]
    [InlineData(30, 45, 66, 50)]
    [InlineData(25, 25, 33, 25)]
    public void TheDecodeIsPillowsDraftBitForBit(int width, int height, int draftedWidth, int draftedHeight)
    {
        var image = ImageDecoder.DecodeFile(Jpeg, null, (width, height));
        Assert.Equal((draftedWidth, draftedHeight), (image.Width, image.Height));
        Assert.Equal(Expected($"draft_{width}x{height}.npy"), Floats(image));
    }

    [Theory]
    [InlineData(64, 64)]
    [InlineData(32, 32)]
    [InlineData(30, 45)]
    [InlineData(25, 25)]
    public void LoadImageIsDraftThenLoadImgsNearestResize(int width, int height)
    {
        var x = ImageLoader.LoadImage(Jpeg, ColorMode.Rgb, (height, width), jpegDraft: true);
        Assert.Equal([height, width, 3], x.Shape);
        Assert.Equal(Expected($"load_{width}x{height}.npy"), x.Data);
        Assert.NotEqual(ImageLoader.LoadImage(Jpeg, ColorMode.Rgb, (height, width)).Data, x.Data); // Keras's full decode differs
    }

    [Fact]
    public void PillowsScaleRule()
    {
        Assert.Equal(1, JpegDraft.Scale(435, 361, 2048, 2048));
        Assert.Equal(1, JpegDraft.Scale(435, 361, 435, 361));
        Assert.Equal(2, JpegDraft.Scale(435, 361, 217, 180));
        Assert.Equal(4, JpegDraft.Scale(435, 361, 100, 90));
        Assert.Equal(4, JpegDraft.Scale(4000, 3000, 150, 400));   // the tighter axis decides
        Assert.Equal(8, JpegDraft.Scale(4000, 3000, 150, 150));   // never beyond 1/8
    }

    [Fact]
    public void WithoutRoomToReduceOrForOtherFormatsNothingChanges()
    {
        Assert.Equal(ImageLoader.LoadImage(Jpeg, targetSize: (150, 150)).Data, ImageLoader.LoadImage(Jpeg, targetSize: (150, 150), jpegDraft: true).Data);
        Assert.Equal(ImageLoader.LoadImage(Jpeg).Data, ImageLoader.LoadImage(Jpeg, jpegDraft: true).Data); // no target, no draft
        string png = Support.Conformance.PathOf("tree/cats/cat.0.png");
        Assert.Equal(ImageLoader.LoadImage(png, targetSize: (8, 8)).Data, ImageLoader.LoadImage(png, targetSize: (8, 8), jpegDraft: true).Data);
    }

    [Fact]
    public void TheIteratorsAndTheCliCarryIt()
    {
        string root = Path.Combine(f.Root, "draft-data");
        foreach (var c in new[] { "a", "b" })
            for (int i = 0; i < 4; i++)
            {
                Directory.CreateDirectory(Path.Combine(root, c));
                File.Copy(Jpeg, Path.Combine(root, c, $"{i}.jpg"), true);
            }
        var quiet = new PipelineOptions { Log = TextWriter.Null };
        using (var it = new ImageDataGenerator().FlowFromDirectory(root, (25, 25), batchSize: 8, shuffle: false, pipeline: quiet, jpegDraft: true))
            Assert.Equal(Expected("load_25x25.npy"), it.Next().X.Sample(0).ToArray());

        string run = Path.Combine(f.Root, "run-draft");
        var r = CliRunner.Run("train", root, "--validation-split", "0.25", "--size", "25", "--epochs", "1", "--jpeg-draft", "--out", run);
        Assert.True(r.Code == 0, r.Err);
        Assert.True(Sequential.Load(Path.Combine(run, "model.h5")).Preprocessing!.JpegDraft);
        var plain = CliRunner.Run("train", root, "--validation-split", "0.25", "--size", "25", "--epochs", "1", "--out", run + "-plain");
        Assert.True(plain.Code == 0, plain.Err);
        Assert.False(Sequential.Load(Path.Combine(run + "-plain", "model.h5")).Preprocessing!.JpegDraft);
    }
}
