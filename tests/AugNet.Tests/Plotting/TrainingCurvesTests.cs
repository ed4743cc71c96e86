using AugNet.NN.Training;
using AugNet.Plotting;
using SkiaSharp;

namespace AugNet.Tests.Plotting;

public class TrainingCurvesTests
{
    [Fact]
    public void WritesAccuracyAndLossPngs()
    {
        var history = new History();
        for (int e = 0; e < 5; e++)
            history.Append(e, new Dictionary<string, double> { ["loss"] = 1.0 / (e + 1), ["acc"] = 0.5 + 0.08 * e, ["val_loss"] = 1.1 / (e + 1), ["val_acc"] = 0.5 + 0.05 * e });
        string dir = Directory.CreateTempSubdirectory("augnet-curves").FullName;
        try
        {
            var paths = TrainingCurves.Save(history, Path.Combine(dir, "run_"), 640, 480);
            Assert.Equal([Path.Combine(dir, "run_accuracy.png"), Path.Combine(dir, "run_loss.png")], paths);
            foreach (var p in paths)
            {
                using var bitmap = SKBitmap.Decode(p);
                Assert.Equal(640, bitmap.Width);
                Assert.Equal(480, bitmap.Height);
            }
            Assert.Empty(Directory.GetFiles(dir, "*.tmp*")); // AtomicFile's temporary files
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void TitleTextIsDrawn()
    {
        // The self-contained Skia has no fontconfig: without PlotFonts the title band would be blank.
        var history = new History();
        history.Append(0, new Dictionary<string, double> { ["loss"] = 0.7, ["acc"] = 0.5 });
        history.Append(1, new Dictionary<string, double> { ["loss"] = 0.6, ["acc"] = 0.6 });
        string dir = Directory.CreateTempSubdirectory("augnet-curves").FullName;
        try
        {
            string path = TrainingCurves.Save(history, Path.Combine(dir, "t_"), 640, 480)[0];
            using var bitmap = SKBitmap.Decode(path);
            int dark = 0;
            for (int y = 0; y < 20; y++) // above the plot frame, which starts lower when a title is drawn
                for (int x = bitmap.Width / 3; x < 2 * bitmap.Width / 3; x++)
                    if (bitmap.GetPixel(x, y) is var c && c.Red < 100 && c.Green < 100 && c.Blue < 100) dark++;
            Assert.True(dark > 50, $"only {dark} dark pixels in the title band: no font?");
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void EmptyHistoryIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => TrainingCurves.Save(new History(), "/tmp/x_"));
        Assert.Contains("no epochs", e.Message);
    }

    [Fact]
    public void TheLegendSitsBesideTheDataAreaNotOnTheLastPoints()
    {
        var history = new History();
        for (int e = 0; e < 5; e++)
            history.Append(e, new Dictionary<string, double> { ["loss"] = 0.2 * e, ["val_loss"] = 0.25 * e });
        var plot = TrainingCurves.Create(history, "loss", "Training and validation loss", "Loss");
        plot.GetImage(640, 480);
        Assert.False(plot.Legend.IsVisible); // the in-plot legend, which would sit in a corner of the data
        var data = plot.LastRender.DataRect;
        // The legend panel takes a band on the right, outside the data rectangle.
        Assert.True(data.Right < 640 - 80, $"data area ends at {data.Right} of 640: no room was made for the legend");
    }
}
