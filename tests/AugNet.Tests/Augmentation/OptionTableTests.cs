using AugNet.Augmentation;

namespace AugNet.Tests.Augmentation;

/// <summary>The one table of Keras options that the factory, its inverse, the CLI and the fused rescale path read.</summary>
public class OptionTableTests
{
    static readonly ImageDataGeneratorOptions Defaults = new();

    [Fact]
    public void TheTableListsKerasParametersOnceInSignatureOrder()
    {
        var names = ImageDataGeneratorOptionTable.All.Select(o => o.KerasName).ToArray();
        Assert.Equal(23, names.Length);
        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.Equal(names, ImageDataGeneratorOptions.KerasParameterNames);
        Assert.Equal("featurewise_center", names[0]);
        Assert.Equal("dtype", names[^1]);
        Assert.Equal(names.Order(), Defaults.ToKerasDictionary().Keys.Order());
        foreach (string name in names) Assert.Equal(name, ImageDataGeneratorOptionTable.Find(name)!.KerasName);
        Assert.Null(ImageDataGeneratorOptionTable.Find("rotationRange"));
    }

    [Fact]
    public void EveryDefaultReadsBackAsTheDefault()
    {
        foreach (var option in ImageDataGeneratorOptionTable.All)
            Assert.Equal(Defaults, option.Set(Defaults, KerasValue.From(option.KerasName, option.KerasDefault)));
        Assert.Equal(Defaults, ImageDataGeneratorOptions.FromKerasDictionary(Defaults.ToKerasDictionary()));
    }

    [Fact]
    public void EveryEntryIsDescribedForItsForm()
    {
        foreach (var option in ImageDataGeneratorOptionTable.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(option.Description), option.KerasName);
            if (option.Form == KerasValueForm.Switch)
            {
                // A switch is off by default, so a bare flag can only mean "on".
                Assert.Equal(false, option.KerasDefault);
                Assert.Equal("", option.ValueName);
                Assert.Equal("", option.Example);
            }
            else
            {
                Assert.NotEqual("", option.ValueName);
                Assert.NotEqual("", option.Example);
            }
        }
        Assert.Equal(["preprocessing_function"], ImageDataGeneratorOptionTable.All.Where(o => o.Form == KerasValueForm.Function).Select(o => o.KerasName));
        Assert.Equal(7, ImageDataGeneratorOptionTable.All.Count(o => o.Form == KerasValueForm.Switch));
        Assert.Equal("1e-06", ImageDataGeneratorOptionTable.Find("zca_epsilon")!.DefaultText);
        Assert.Equal("nearest", ImageDataGeneratorOptionTable.Find("fill_mode")!.DefaultText);
        Assert.Equal("None", ImageDataGeneratorOptionTable.Find("rescale")!.DefaultText);
    }

    [Fact]
    public void OnlyChannelShiftAndBrightnessNeedAPassAfterTheFusedWarp()
    {
        var passing = ImageDataGeneratorOptionTable.All.Where(o => o.NeedsPassAfterWarp != KerasOption.Never).Select(o => o.KerasName);
        Assert.Equal(["brightness_range", "channel_shift_range"], passing);
        Assert.False(ImageDataGeneratorOptionTable.NeedsPassAfterWarp(new() { Theta = 10, Zx = 0.9, Tx = 2, FlipHorizontal = true, FlipVertical = true }));
        Assert.True(ImageDataGeneratorOptionTable.NeedsPassAfterWarp(new() { Theta = 10, ChannelShiftIntensity = 0 }));
        Assert.True(ImageDataGeneratorOptionTable.NeedsPassAfterWarp(new() { Brightness = 1 }));
    }

    [Fact]
    public void EachSetterReadsItsOwnNameIntoMessages()
    {
        var bad = Assert.Throws<ArgumentException>(() => ImageDataGeneratorOptionTable.Find("vertical_flip")!.Set(Defaults, KerasValue.From("vertical_flip", "yes")));
        Assert.StartsWith("`vertical_flip` should be a boolean. Received: yes", bad.Message);
        Assert.Equal("vertical_flip", bad.ParamName);
    }
}
