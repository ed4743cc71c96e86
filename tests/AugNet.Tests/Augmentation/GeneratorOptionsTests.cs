using System.Text.Json.Nodes;
using AugNet.Augmentation;

namespace AugNet.Tests.Augmentation;

public class GeneratorOptionsTests
{
    static ImageDataGeneratorOptions Json(string json) => ImageDataGeneratorOptions.FromKerasJson(json);

    [Fact]
    public void DefaultsAreKeras()
    {
        var o = new ImageDataGeneratorOptions();
        Assert.Equal(1e-6, o.ZcaEpsilon);
        Assert.Equal(ZoomRange.None, o.ZoomRange);
        Assert.False(o.ZoomRange.IsActive);
        Assert.Equal(FillMode.Nearest, o.FillMode);
        Assert.Equal(DataFormat.ChannelsLast, o.DataFormat);
        Assert.Equal(1, o.InterpolationOrder);
        Assert.Equal("float32", o.Dtype);
        Assert.Null(o.BrightnessRange);
        Assert.Null(o.Rescale);
        Assert.Equal(ShiftRange.None, o.WidthShiftRange);
        Assert.Equal(o, Json("{}"));
    }

    [Theory]
    [InlineData("{\"validation_split\": 5}", "`validation_split` must be strictly between 0 and 1.  Received: 5")]
    [InlineData("{\"validation_split\": 1.0}", "`validation_split` must be strictly between 0 and 1.  Received: 1.0")]
    [InlineData("{\"validation_split\": -0.5}", "`validation_split` must be strictly between 0 and 1.  Received: -0.5")]
    [InlineData("{\"data_format\": \"unknown\"}", "`data_format` should be `\"channels_last\"` (channel after row and column) or `\"channels_first\"` (channel before row and column). Received: unknown")]
    [InlineData("{\"brightness_range\": 0.1}", "`brightness_range should be tuple or list of two floats. Received: 0.1")]
    [InlineData("{\"brightness_range\": [0.1, 0.2, 0.3]}", "`brightness_range should be tuple or list of two floats. Received: [0.1, 0.2, 0.3]")]
    [InlineData("{\"zoom_range\": [0.1, 0.2, 0.3]}", "`zoom_range` should be a float or a tuple or list of two floats. Received: [0.1, 0.2, 0.3]")]
    [InlineData("{\"zoom_range\": \"big\"}", "`zoom_range` should be a float or a tuple or list of two floats. Received: big")]
    [InlineData("{\"fill_mode\": \"mirror\"}", "`fill_mode` must be one of 'constant', 'nearest', 'reflect' or 'wrap'. Received: mirror")]
    [InlineData("{\"interpolation_order\": 6}", "`interpolation_order` must be a spline order between 0 and 5. Received: 6")]
    [InlineData("{\"interpolation_order\": -1}", "`interpolation_order` must be a spline order between 0 and 5. Received: -1")]
    [InlineData("{\"rotation_range\": -10}", "`rotation_range` must be a finite, non-negative number")]
    [InlineData("{\"shear_range\": -0.5}", "`shear_range` must be a finite, non-negative number")]
    [InlineData("{\"channel_shift_range\": -1}", "`channel_shift_range` must be a finite, non-negative number")]
    [InlineData("{\"zca_epsilon\": -1}", "`zca_epsilon` must be a finite, non-negative number")]
    [InlineData("{\"zoom_range\": -0.2}", "`zoom_range` as a single number must be finite and non-negative")]
    [InlineData("{\"dtype\": \"float64\"}", "`dtype` must be 'float32'")]
    [InlineData("{\"horizontal_flip\": \"yes\"}", "`horizontal_flip` should be a boolean")]
    [InlineData("{\"width_shift_range\": \"wide\"}", "`width_shift_range` should be a float, an int or a 1-D list of numbers")]
    [InlineData("{\"rotation_rage\": 10}", "Unknown ImageDataGenerator parameter 'rotation_rage'")]
    public void InvalidOptionsFailWithKerasMessages(string json, string message)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Json(json));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void NaNAndInfinityAreRefusedByTheRecord()
    {
        Assert.Contains("`cval` must be a finite number", Assert.ThrowsAny<ArgumentException>(() => new ImageDataGeneratorOptions { Cval = double.NaN }).Message);
        Assert.Contains("`rescale` must be a finite number", Assert.ThrowsAny<ArgumentException>(() => new ImageDataGeneratorOptions { Rescale = double.PositiveInfinity }).Message);
        Assert.Contains("`rotation_range`", Assert.ThrowsAny<ArgumentException>(() => new ImageDataGeneratorOptions { RotationRange = double.NaN }).Message);
        Assert.Contains("`validation_split`", Assert.ThrowsAny<ArgumentException>(() => new ImageDataGeneratorOptions { ValidationSplit = double.NaN }).Message);
        Assert.ThrowsAny<ArgumentException>(() => new ImageDataGeneratorOptions { BrightnessRange = (double.NaN, 1) });
        Assert.ThrowsAny<ArgumentException>(() => new ImageDataGeneratorOptions { ZoomRange = (0.5, double.NaN) });
        Assert.ThrowsAny<ArgumentException>(() => new ImageDataGeneratorOptions { WidthShiftRange = double.NaN });
        Assert.ThrowsAny<ArgumentException>(() => new ImageDataGeneratorOptions { FillMode = (FillMode)17 });
        Assert.ThrowsAny<ArgumentException>(() => new ImageDataGeneratorOptions { DataFormat = (DataFormat)5 });
        // `with` validates too.
        var ok = new ImageDataGeneratorOptions();
        Assert.ThrowsAny<ArgumentException>(() => ok with { InterpolationOrder = 9 });
    }

    [Fact]
    public void ZoomRangeNormalisesAsKeras()
    {
        Assert.Equal(new ZoomRange(0.8, 1.2), Json("{\"zoom_range\": 0.2}").ZoomRange);
        Assert.Equal(new ZoomRange(0, 2), Json("{\"zoom_range\": 1}").ZoomRange);
        Assert.Equal(new ZoomRange(0, 2), Json("{\"zoom_range\": true}").ZoomRange);
        Assert.Equal(new ZoomRange(2, 2), Json("{\"zoom_range\": [2.0, 2.0]}").ZoomRange);
        Assert.Equal(new ZoomRange(1.2, 0.8), Json("{\"zoom_range\": [1.2, 0.8]}").ZoomRange);
        Assert.Equal(ZoomRange.None, Json("{\"zoom_range\": 0}").ZoomRange);
        ZoomRange fromDouble = 0.25;
        Assert.Equal((0.75, 1.25), ((double, double))fromDouble);
        Assert.Equal(new ZoomRange(0.5, 1.5), new ImageDataGeneratorOptions { ZoomRange = (0.5, 1.5) }.ZoomRange);
    }

    [Fact]
    public void DictionaryFactoryReadsEveryParameter()
    {
        Func<Tensor, Tensor> f = t => t;
        var dict = new Dictionary<string, object?>
        {
            ["featurewise_center"] = true, ["samplewise_center"] = 1, ["featurewise_std_normalization"] = true,
            ["samplewise_std_normalization"] = true, ["zca_whitening"] = false, ["zca_epsilon"] = 1e-3,
            ["rotation_range"] = 40, ["width_shift_range"] = 0.2, ["height_shift_range"] = new[] { -2, 0, 2 },
            ["brightness_range"] = new List<double> { 0.5, 1.5 }, ["shear_range"] = 0.2f, ["zoom_range"] = new[] { 0.8, 1.2 },
            ["channel_shift_range"] = 10, ["fill_mode"] = "wrap", ["cval"] = 3, ["horizontal_flip"] = true,
            ["vertical_flip"] = null, ["rescale"] = 1 / 255.0, ["preprocessing_function"] = f, ["data_format"] = "channels_first",
            ["validation_split"] = 0.25, ["interpolation_order"] = 0, ["dtype"] = "float32",
        };
        Assert.Equal(ImageDataGeneratorOptions.KerasParameterNames.Order(), dict.Keys.Order());
        var o = ImageDataGeneratorOptions.FromKerasDictionary(dict);
        Assert.True(o.FeaturewiseCenter && o.SamplewiseCenter && o.FeaturewiseStdNormalization && o.SamplewiseStdNormalization);
        Assert.False(o.ZcaWhitening);
        Assert.Equal(1e-3, o.ZcaEpsilon);
        Assert.Equal(40, o.RotationRange);
        Assert.Equal(ShiftRangeKind.Continuous, o.WidthShiftRange.Kind);
        Assert.Equal(0.2, o.WidthShiftRange.Range);
        Assert.Equal(ShiftRangeKind.Set, o.HeightShiftRange.Kind);
        Assert.Equal([-2.0, 0, 2], o.HeightShiftRange.Values);
        Assert.Equal((0.5, 1.5), o.BrightnessRange);
        Assert.Equal(0.2f, o.ShearRange);
        Assert.Equal(new ZoomRange(0.8, 1.2), o.ZoomRange);
        Assert.Equal(10, o.ChannelShiftRange);
        Assert.Equal(FillMode.Wrap, o.FillMode);
        Assert.Equal(3, o.Cval);
        Assert.True(o.HorizontalFlip);
        Assert.False(o.VerticalFlip);
        Assert.Equal(1 / 255.0, o.Rescale);
        Assert.Same(f, o.PreprocessingFunction);
        Assert.Equal(DataFormat.ChannelsFirst, o.DataFormat);
        Assert.Equal(0.25, o.ValidationSplit);
        Assert.Equal(0, o.InterpolationOrder);

        // Round trip through Keras names.
        Assert.Equal(o, ImageDataGeneratorOptions.FromKerasDictionary(o.ToKerasDictionary()));
    }

    [Fact]
    public void JsonIntegersAndFloatsAreDifferentShiftForms()
    {
        Assert.Equal(ShiftRangeKind.Integer, Json("{\"width_shift_range\": 3}").WidthShiftRange.Kind);
        Assert.Equal(3, Json("{\"width_shift_range\": 3}").WidthShiftRange.Count);
        Assert.Equal(ShiftRangeKind.Continuous, Json("{\"width_shift_range\": 3.0}").WidthShiftRange.Kind);
        Assert.Equal(ShiftRangeKind.Continuous, Json("{\"width_shift_range\": -2}").WidthShiftRange.Kind);
        Assert.Equal(ShiftRange.None, Json("{\"width_shift_range\": 0}").WidthShiftRange);
        Assert.Equal(ShiftRange.None, Json("{\"width_shift_range\": []}").WidthShiftRange);
        Assert.Equal(ShiftRange.None, Json("{\"width_shift_range\": null}").WidthShiftRange);
        // JsonElement values (System.Text.Json's default for object) work as well as JsonNode.
        var dict = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>("{\"height_shift_range\": 2, \"fill_mode\": \"reflect\"}")!;
        var o = ImageDataGeneratorOptions.FromKerasDictionary(dict);
        Assert.Equal(ShiftRange.Integer(2), o.HeightShiftRange);
        Assert.Equal(FillMode.Reflect, o.FillMode);
    }

    [Fact]
    public void ClrShiftRangeConversionsFollowTheLiteralType()
    {
        Assert.Equal(ShiftRangeKind.Integer, new ImageDataGeneratorOptions { WidthShiftRange = 2 }.WidthShiftRange.Kind);
        Assert.Equal(ShiftRangeKind.Continuous, new ImageDataGeneratorOptions { WidthShiftRange = 2.0 }.WidthShiftRange.Kind);
        Assert.Equal(ShiftRangeKind.Set, new ImageDataGeneratorOptions { WidthShiftRange = new[] { 0.1, 0.2 } }.WidthShiftRange.Kind);
    }

    [Fact]
    public void KerasNamesParseAndPrint()
    {
        foreach (var mode in Enum.GetValues<FillMode>()) Assert.Equal(mode, KerasNames.ParseFillMode(mode.ToKerasName()));
        foreach (var df in Enum.GetValues<DataFormat>()) Assert.Equal(df, KerasNames.ParseDataFormat(df.ToKerasName()));
        Assert.Equal(DataFormat.ChannelsLast, KerasNames.ParseDataFormat(null));
        Assert.Throws<ArgumentException>(() => KerasNames.ParseFillMode("grid-wrap"));
    }

    [Fact]
    public void FromKerasJsonRefusesNonObjects()
    {
        Assert.Throws<ArgumentException>(() => Json("[1, 2]"));
        Assert.Equal(40, ImageDataGeneratorOptions.FromKerasJson(new JsonObject { ["rotation_range"] = 40 }).RotationRange);
    }
}
