namespace AugNet.Augmentation;

/// <summary>
/// Every Keras <c>ImageDataGenerator</c> parameter (spec §2.1), one <see cref="KerasOption"/> each, in the order of
/// Keras's signature. <see cref="ImageDataGeneratorOptions.FromKerasDictionary"/>,
/// <see cref="ImageDataGeneratorOptions.ToKerasDictionary"/>, <see cref="ImageDataGeneratorOptions.KerasParameterNames"/>,
/// the fused rescale path of <see cref="ImageTransforms"/> and the command-line flags all read this list.
/// </summary>
public static class ImageDataGeneratorOptionTable
{
    /// <summary>The options in Keras's order.</summary>
    public static IReadOnlyList<KerasOption> All { get; } =
    [
        new()
        {
            KerasName = "featurewise_center", Form = KerasValueForm.Switch,
            Description = "subtract the dataset's per-channel mean (computed by fit)",
            Get = o => o.FeaturewiseCenter, Set = (o, v) => o with { FeaturewiseCenter = v.Truthy() },
            NeedsPassAfterWarp = KerasOption.Never,
        },
        new()
        {
            KerasName = "samplewise_center", Form = KerasValueForm.Switch,
            Description = "subtract each image's own mean",
            Get = o => o.SamplewiseCenter, Set = (o, v) => o with { SamplewiseCenter = v.Truthy() },
            NeedsPassAfterWarp = KerasOption.Never,
        },
        new()
        {
            KerasName = "featurewise_std_normalization", Form = KerasValueForm.Switch,
            Description = "divide by the dataset's per-channel standard deviation (computed by fit)",
            Get = o => o.FeaturewiseStdNormalization, Set = (o, v) => o with { FeaturewiseStdNormalization = v.Truthy() },
            NeedsPassAfterWarp = KerasOption.Never,
        },
        new()
        {
            KerasName = "samplewise_std_normalization", Form = KerasValueForm.Switch,
            Description = "divide each image by its own standard deviation",
            Get = o => o.SamplewiseStdNormalization, Set = (o, v) => o with { SamplewiseStdNormalization = v.Truthy() },
            NeedsPassAfterWarp = KerasOption.Never,
        },
        new()
        {
            KerasName = "zca_whitening", Form = KerasValueForm.Switch,
            Description = "apply ZCA whitening (computed by fit; implies featurewise centring)",
            Get = o => o.ZcaWhitening, Set = (o, v) => o with { ZcaWhitening = v.Truthy() },
            NeedsPassAfterWarp = KerasOption.Never,
        },
        new()
        {
            KerasName = "zca_epsilon", Form = KerasValueForm.Value, ValueName = "EPSILON",
            Description = "added to the singular values when fit computes the ZCA matrix", Example = "1e-5",
            Get = o => o.ZcaEpsilon, Set = (o, v) => o with { ZcaEpsilon = v.Number() },
            NeedsPassAfterWarp = KerasOption.Never,
        },
        new()
        {
            KerasName = "rotation_range", Form = KerasValueForm.Value, ValueName = "DEGREES",
            Description = "random rotation in [-DEGREES, DEGREES]", Example = "40",
            Get = o => o.RotationRange, Set = (o, v) => o with { RotationRange = v.NumberOrZero() },
            NeedsPassAfterWarp = KerasOption.Never,
        },
        new()
        {
            KerasName = "width_shift_range", Form = KerasValueForm.Value, ValueName = "SHIFT",
            Description = "random horizontal shift: a fraction of the width if below 1, else pixels; a list gives the choices",
            Example = "0.2",
            Get = o => o.WidthShiftRange.ToKerasValue(), Set = (o, v) => o with { WidthShiftRange = v.Shift() },
            NeedsPassAfterWarp = KerasOption.Never,
        },
        new()
        {
            KerasName = "height_shift_range", Form = KerasValueForm.Value, ValueName = "SHIFT",
            Description = "random vertical shift: a fraction of the height if below 1, else pixels; a list gives the choices",
            Example = "0.2",
            Get = o => o.HeightShiftRange.ToKerasValue(), Set = (o, v) => o with { HeightShiftRange = v.Shift() },
            NeedsPassAfterWarp = KerasOption.Never,
        },
        new()
        {
            KerasName = "brightness_range", Form = KerasValueForm.Value, ValueName = "LOW,HIGH",
            Description = "random brightness factor in [LOW, HIGH] (1 keeps the image)", Example = "0.5,1.5",
            Get = o => o.BrightnessRange is { } b ? new[] { b.Low, b.High } : null,
            Set = (o, v) => o with { BrightnessRange = v.Brightness() },
            NeedsPassAfterWarp = p => p.Brightness is not null,
        },
        new()
        {
            KerasName = "shear_range", Form = KerasValueForm.Value, ValueName = "DEGREES",
            Description = "random shear angle in [-DEGREES, DEGREES]", Example = "10",
            Get = o => o.ShearRange, Set = (o, v) => o with { ShearRange = v.NumberOrZero() },
            NeedsPassAfterWarp = KerasOption.Never,
        },
        new()
        {
            KerasName = "zoom_range", Form = KerasValueForm.Value, ValueName = "Z|LOW,HIGH",
            Description = "random zoom factor in [1-Z, 1+Z] or [LOW, HIGH] (below 1 magnifies)", Example = "0.2",
            Get = o => new[] { o.ZoomRange.Low, o.ZoomRange.High }, Set = (o, v) => o with { ZoomRange = v.Zoom() },
            NeedsPassAfterWarp = KerasOption.Never,
        },
        new()
        {
            KerasName = "channel_shift_range", Form = KerasValueForm.Value, ValueName = "INTENSITY",
            Description = "random shift in [-INTENSITY, INTENSITY] added to every channel", Example = "20",
            Get = o => o.ChannelShiftRange, Set = (o, v) => o with { ChannelShiftRange = v.NumberOrZero() },
            NeedsPassAfterWarp = p => p.ChannelShiftIntensity is not null,
        },
        new()
        {
            KerasName = "fill_mode", Form = KerasValueForm.Value, ValueName = "MODE",
            Description = "how points outside the image are filled: constant, nearest, reflect or wrap", Example = "reflect",
            Get = o => o.FillMode.ToKerasName(), Set = (o, v) => o with { FillMode = v.FillMode() },
            NeedsPassAfterWarp = KerasOption.Never,
        },
        new()
        {
            KerasName = "cval", Form = KerasValueForm.Value, ValueName = "VALUE",
            Description = "the fill value of fill mode constant", Example = "255",
            Get = o => o.Cval, Set = (o, v) => o with { Cval = v.Number() },
            NeedsPassAfterWarp = KerasOption.Never,
        },
        new()
        {
            KerasName = "horizontal_flip", Form = KerasValueForm.Switch,
            Description = "flip half of the images left to right",
            Get = o => o.HorizontalFlip, Set = (o, v) => o with { HorizontalFlip = v.Truthy() },
            NeedsPassAfterWarp = KerasOption.Never,
        },
        new()
        {
            KerasName = "vertical_flip", Form = KerasValueForm.Switch,
            Description = "flip half of the images upside down",
            Get = o => o.VerticalFlip, Set = (o, v) => o with { VerticalFlip = v.Truthy() },
            NeedsPassAfterWarp = KerasOption.Never,
        },
        new()
        {
            KerasName = "rescale", Form = KerasValueForm.Value, ValueName = "FACTOR",
            Description = "multiply every value by FACTOR before the other standardisation steps", Example = "1/255",
            Get = o => o.Rescale, Set = (o, v) => o with { Rescale = v.NumberOrNone() },
            NeedsPassAfterWarp = KerasOption.Never,
        },
        new()
        {
            KerasName = "preprocessing_function", Form = KerasValueForm.Function, ValueName = "FUNCTION",
            Description = "a function run on each image first, before rescale; it must keep the shape", Example = "t => t",
            Get = o => o.PreprocessingFunction, Set = (o, v) => o with { PreprocessingFunction = v.Function() },
            NeedsPassAfterWarp = KerasOption.Never,
        },
        new()
        {
            KerasName = "data_format", Form = KerasValueForm.Value, ValueName = "FORMAT",
            Description = "where the channel axis is: channels_last or channels_first", Example = "channels_first",
            Get = o => o.DataFormat.ToKerasName(), Set = (o, v) => o with { DataFormat = v.DataFormat() },
            NeedsPassAfterWarp = KerasOption.Never,
        },
        new()
        {
            KerasName = "validation_split", Form = KerasValueForm.Value, ValueName = "FRACTION",
            Description = "the fraction of images held out for validation, strictly between 0 and 1", Example = "0.2",
            Get = o => o.ValidationSplit, Set = (o, v) => o with { ValidationSplit = v.ValidationSplit() },
            NeedsPassAfterWarp = KerasOption.Never,
        },
        new()
        {
            KerasName = "interpolation_order", Form = KerasValueForm.Value, ValueName = "ORDER",
            Description = "the spline order of the warp, 0 to 5 (SciPy's order)", Example = "3",
            Get = o => o.InterpolationOrder, Set = (o, v) => o with { InterpolationOrder = v.SplineOrder() },
            NeedsPassAfterWarp = KerasOption.Never,
        },
        new()
        {
            KerasName = "dtype", Form = KerasValueForm.Value, ValueName = "DTYPE",
            Description = "the element type; AugNet's tensors are float32 only", Example = "float32",
            Get = o => o.Dtype, Set = (o, v) => o with { Dtype = v.Dtype() },
            NeedsPassAfterWarp = KerasOption.Never,
        },
    ];

    static readonly Dictionary<string, KerasOption> s_byName = All.ToDictionary(o => o.KerasName, StringComparer.Ordinal);

    // Only the options that can need a pass (two today), so the per-image check below stays two delegate calls.
    static readonly Func<TransformParams, bool>[] s_passesAfterWarp =
        All.Select(o => o.NeedsPassAfterWarp).Where(p => p != KerasOption.Never).ToArray();

    /// <summary>The option with Keras name <paramref name="kerasName"/>, or null.</summary>
    public static KerasOption? Find(string kerasName) => s_byName.GetValueOrDefault(kerasName);

    /// <summary>Whether any option's drawn transform in <paramref name="parameters"/> needs a pass after the warp.</summary>
    internal static bool NeedsPassAfterWarp(TransformParams parameters)
    {
        foreach (var needsPass in s_passesAfterWarp)
            if (needsPass(parameters)) return true;
        return false;
    }
}
