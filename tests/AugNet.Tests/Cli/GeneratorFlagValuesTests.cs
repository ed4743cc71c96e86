using System.CommandLine;
using AugNet.Augmentation;
using AugNet.Cli.Commands;

namespace AugNet.Tests.Cli;

/// <summary>The generator flags' values as the options factory receives them (Python literal forms).</summary>
public class GeneratorFlagValuesTests
{
    static ImageDataGeneratorOptions Read(params string[] args)
    {
        var command = new Command("probe");
        var binding = new GeneratorOptionsBinding(command);
        var result = command.Parse(args);
        Assert.Empty(result.Errors);
        return binding.Build(result);
    }

    [Fact]
    public void RescaleReadsAFractionANumberAndNone()
    {
        Assert.Equal(1 / 255.0, Read("--rescale", "1/255").Rescale);
        Assert.Equal(0.5, Read("--rescale", "0.5").Rescale);
        Assert.Null(Read("--rescale", "none").Rescale);
        Assert.Null(Read().Rescale);
    }

    [Theory]
    [InlineData("[0.8,1.2]"), InlineData("0.8,1.2"), InlineData("(0.8, 1.2)"), InlineData("0.8, 1.2")]
    public void ZoomRangeReadsAPairInBracketsOrWithout(string text) =>
        Assert.Equal(new ZoomRange(0.8, 1.2), Read("--zoom-range", text).ZoomRange);

    [Fact]
    public void ZoomRangeReadsASingleFactor() => Assert.Equal(ZoomRange.FromFactor(0.25), Read("--zoom-range", "0.25").ZoomRange);

    [Theory]
    [InlineData("0.5,1.5"), InlineData("[0.5,1.5]"), InlineData("(0.5,1.5)")]
    public void BrightnessRangeReadsAPair(string text) => Assert.Equal((0.5, 1.5), Read("--brightness-range", text).BrightnessRange);

    [Fact]
    public void ShiftRangesKeepIntFloatAndListApart()
    {
        Assert.Equal(ShiftRange.Integer(3), Read("--width-shift-range", "3").WidthShiftRange);
        Assert.Equal(ShiftRange.Continuous(3), Read("--width-shift-range", "3.0").WidthShiftRange);
        Assert.Equal(ShiftRange.Continuous(0.2), Read("--height-shift-range", "0.2").HeightShiftRange);
        Assert.Equal(ShiftRange.Set(-2, 0, 2), Read("--height-shift-range", "[-2,0,2]").HeightShiftRange);
    }

    [Theory]
    [InlineData(true), InlineData(true, "true"), InlineData(true, "True"), InlineData(true, "1")]
    [InlineData(false, "false"), InlineData(false, "False"), InlineData(false, "0")]
    public void SwitchesReadABareFlagAsTrueAndPythonTruthiness(bool expected, params string[] value) =>
        Assert.Equal(expected, Read(["--horizontal-flip", .. value]).HorizontalFlip);

    [Fact]
    public void ABareSwitchBeforeAnotherFlagDoesNotTakeItAsItsValue()
    {
        var o = Read("--featurewise-center", "--samplewise-center", "--vertical-flip", "--rotation-range", "40");
        Assert.True(o.FeaturewiseCenter && o.SamplewiseCenter && o.VerticalFlip);
        Assert.False(o.HorizontalFlip);
        Assert.Equal(40, o.RotationRange);
    }

    [Fact]
    public void NamesAndNumbersReachTheirProperties()
    {
        var o = Read("--fill-mode", "wrap", "--cval", "3", "--data-format", "channels_first", "--interpolation-order", "0",
            "--validation-split", "0.25", "--zca-epsilon", "1e-5", "--shear-range", "10", "--channel-shift-range", "20", "--dtype", "float32");
        Assert.Equal(FillMode.Wrap, o.FillMode);
        Assert.Equal(3, o.Cval);
        Assert.Equal(DataFormat.ChannelsFirst, o.DataFormat);
        Assert.Equal(0, o.InterpolationOrder);
        Assert.Equal(0.25, o.ValidationSplit);
        Assert.Equal(1e-5, o.ZcaEpsilon);
        Assert.Equal(10, o.ShearRange);
        Assert.Equal(20, o.ChannelShiftRange);
    }

    [Fact]
    public void OnlyTheFlagsGivenReachTheKerasDictionary()
    {
        var command = new Command("probe");
        var binding = new GeneratorOptionsBinding(command);
        var dict = binding.ToKerasDictionary(command.Parse(["--rescale", "1/255", "--horizontal-flip"]));
        Assert.Equal(["horizontal_flip", "rescale"], dict.Keys.Order());
        Assert.Equal(true, dict["horizontal_flip"]);
    }

    [Fact]
    public void EveryKerasOptionButTheFunctionHasAFlag()
    {
        var command = new Command("probe");
        _ = new GeneratorOptionsBinding(command);
        var expected = ImageDataGeneratorOptions.KerasParameterNames.Where(n => n != "preprocessing_function").Select(n => "--" + n.Replace('_', '-'));
        Assert.Equal(expected, command.Options.Select(o => o.Name));
    }
}
