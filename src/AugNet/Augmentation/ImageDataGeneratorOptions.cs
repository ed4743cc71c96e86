using System.Globalization;

namespace AugNet.Augmentation;

/// <summary>
/// Every Keras <c>ImageDataGenerator</c> parameter (spec §2.1), with Keras's defaults and meanings. Each property checks
/// its value when it is set (so construction and <c>with</c> expressions both validate), with Keras's own messages
/// where Keras has one (§2.2) and a clear message naming the Keras parameter where Keras would only fail later (bad
/// interpolation order, NaN, negative rotation/shear/channel-shift ranges, a dtype other than float32). The
/// interlocking flags (zca_whitening forcing featurewise_center, …) are resolved, with Keras's warnings, by the
/// <see cref="ImageDataGenerator"/> constructor; the options keep what the caller asked for. To build options from
/// Keras parameter names and value forms (JSON, CLI), use <see cref="FromKerasDictionary"/> or <see cref="FromKerasJson(string)"/>.
/// </summary>
public sealed partial record ImageDataGeneratorOptions
{
    readonly double _zcaEpsilon = 1e-6, _rotationRange, _shearRange, _channelShiftRange, _cval, _validationSplit;
    readonly double? _rescale;
    readonly (double Low, double High)? _brightnessRange;
    readonly ShiftRange _widthShiftRange = ShiftRange.None, _heightShiftRange = ShiftRange.None;
    readonly FillMode _fillMode = FillMode.Nearest;
    readonly DataFormat _dataFormat = DataFormat.ChannelsLast;
    readonly int _interpolationOrder = 1;
    readonly string _dtype = "float32";

    /// <summary><c>featurewise_center</c>: subtract the per-channel dataset mean computed by <c>fit</c>.</summary>
    public bool FeaturewiseCenter { get; init; }

    /// <summary><c>samplewise_center</c>: subtract each input's own mean over all its elements.</summary>
    public bool SamplewiseCenter { get; init; }

    /// <summary><c>featurewise_std_normalization</c>: divide by the per-channel dataset std (+1e-6) computed by <c>fit</c>.</summary>
    public bool FeaturewiseStdNormalization { get; init; }

    /// <summary><c>samplewise_std_normalization</c>: divide each input by its own population std (+1e-6).</summary>
    public bool SamplewiseStdNormalization { get; init; }

    /// <summary><c>zca_whitening</c>: multiply by the ZCA matrix computed by <c>fit</c> (forces featurewise centring, disables featurewise std).</summary>
    public bool ZcaWhitening { get; init; }

    /// <summary><c>zca_epsilon</c>: added to the singular values in <c>fit</c>: s_inv = √n / (s + ε). Finite and ≥ 0.</summary>
    public double ZcaEpsilon { get => _zcaEpsilon; init => _zcaEpsilon = NonNegative(value, "zca_epsilon"); }

    /// <summary><c>rotation_range</c> in degrees: θ ~ U(−r, r) when r ≠ 0. Finite and ≥ 0.</summary>
    public double RotationRange { get => _rotationRange; init => _rotationRange = NonNegative(value, "rotation_range"); }

    /// <summary><c>width_shift_range</c>: the horizontal shift tx (columns), scaled by the width W (spec §0.3, §3.2); drawn first.</summary>
    public ShiftRange WidthShiftRange { get => _widthShiftRange; init => _widthShiftRange = value ?? ShiftRange.None; }

    /// <summary><c>height_shift_range</c>: the vertical shift ty (rows), scaled by the height H (spec §0.3, §3.2); drawn second.</summary>
    public ShiftRange HeightShiftRange { get => _heightShiftRange; init => _heightShiftRange = value ?? ShiftRange.None; }

    /// <summary><c>brightness_range</c>: when set, a factor ~ U(low, high) applied with PIL's Brightness (§4.5). Both finite.</summary>
    public (double Low, double High)? BrightnessRange
    {
        get => _brightnessRange;
        init
        {
            if (value is { } r && (!double.IsFinite(r.Low) || !double.IsFinite(r.High)))
                throw new ArgumentException($"`brightness_range should be tuple or list of two floats. Received: [{PythonFormat.Number(r.Low)}, {PythonFormat.Number(r.High)}]", "brightness_range");
            _brightnessRange = value;
        }
    }

    /// <summary><c>shear_range</c> in degrees: shear ~ U(−s, s) when s ≠ 0. Finite and ≥ 0.</summary>
    public double ShearRange { get => _shearRange; init => _shearRange = NonNegative(value, "shear_range"); }

    /// <summary><c>zoom_range</c>, normalised: a scalar z converts to [1 − z, 1 + z], a pair is used as given; [1, 1] = no zoom.</summary>
    public ZoomRange ZoomRange { get; init; } = ZoomRange.None;

    /// <summary><c>channel_shift_range</c>: intensity ~ U(−c, c) when c ≠ 0, added to every channel and clipped to the image's range. Finite and ≥ 0.</summary>
    public double ChannelShiftRange { get => _channelShiftRange; init => _channelShiftRange = NonNegative(value, "channel_shift_range"); }

    /// <summary><c>fill_mode</c>: how points outside the input are filled (SciPy's modes, §4.2).</summary>
    public FillMode FillMode
    {
        get => _fillMode;
        init => _fillMode = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException("fill_mode", value, "`fill_mode` must be one of 'constant', 'nearest', 'reflect' or 'wrap'.");
    }

    /// <summary><c>cval</c>: the fill value for <see cref="FillMode.Constant"/>. Finite.</summary>
    public double Cval { get => _cval; init => _cval = Finite(value, "cval"); }

    /// <summary><c>horizontal_flip</c>: randomly reverse the column axis (the coin is drawn even when this is off).</summary>
    public bool HorizontalFlip { get; init; }

    /// <summary><c>vertical_flip</c>: randomly reverse the row axis (the coin is drawn even when this is off).</summary>
    public bool VerticalFlip { get; init; }

    /// <summary><c>rescale</c>: when set and non-zero, <c>standardize</c> multiplies by (float)rescale after <see cref="PreprocessingFunction"/>. Finite.</summary>
    public double? Rescale { get => _rescale; init => _rescale = value is { } v ? Finite(v, "rescale") : null; }

    /// <summary><c>preprocessing_function</c>: runs first in <c>standardize</c> (before rescale) and must return the same shape. Not run by <c>fit</c>.</summary>
    public Func<Tensor, Tensor>? PreprocessingFunction { get; init; }

    /// <summary><c>data_format</c>: where the channel axis sits.</summary>
    public DataFormat DataFormat
    {
        get => _dataFormat;
        init => _dataFormat = Enum.IsDefined(value) ? value : throw new ArgumentException(DataFormatMessage(((int)value).ToString(CultureInfo.InvariantCulture)), "data_format");
    }

    /// <summary><c>validation_split</c>: 0 (no split) or strictly between 0 and 1.</summary>
    public double ValidationSplit
    {
        get => _validationSplit;
        init => _validationSplit = value == 0 || (value > 0 && value < 1) ? value
            : throw new ArgumentException($"`validation_split` must be strictly between 0 and 1.  Received: {ShortNumber(value)}", "validation_split");
    }

    /// <summary><c>interpolation_order</c>: the spline order SciPy uses for the warp, 0–5.</summary>
    public int InterpolationOrder
    {
        get => _interpolationOrder;
        init => _interpolationOrder = value is >= 0 and <= 5 ? value
            : throw new ArgumentOutOfRangeException("interpolation_order", value, $"`interpolation_order` must be a spline order between 0 and 5. Received: {value}");
    }

    /// <summary><c>dtype</c>: AugNet's tensors are float32, so only "float32" (or null, meaning float32) is accepted.</summary>
    public string Dtype
    {
        get => _dtype;
        init => _dtype = value is null or "float32" ? "float32"
            : throw new ArgumentException($"`dtype` must be 'float32': AugNet's tensors are float32. Received: {value}", "dtype");
    }

    /// <summary>Keras's message for a bad <c>data_format</c> (§2.2 step 2).</summary>
    internal static string DataFormatMessage(string received) =>
        "`data_format` should be `\"channels_last\"` (channel after row and column) or `\"channels_first\"` (channel before row and column). Received: " + received;

    static double Finite(double value, string name) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"`{name}` must be a finite number. Received: {PythonFormat.Number(value)}");

    static double NonNegative(double value, string name) =>
        double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentOutOfRangeException(name, value, $"`{name}` must be a finite, non-negative number. Received: {PythonFormat.Number(value)}");

    /// <summary>An integral double prints like the int Keras received ("5"); others as Python floats.</summary>
    static string ShortNumber(double v) => double.IsFinite(v) && v == Math.Floor(v) && Math.Abs(v) < 1e15
        ? ((long)v).ToString(CultureInfo.InvariantCulture) : PythonFormat.Number(v);
}
