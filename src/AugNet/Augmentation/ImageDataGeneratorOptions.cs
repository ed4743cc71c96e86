namespace AugNet.Augmentation;

/// <summary>Every Keras <c>ImageDataGenerator</c> parameter. (Contract stub: generator owner completes and validates.)</summary>
public sealed record ImageDataGeneratorOptions
{
    public bool FeaturewiseCenter { get; init; }
    public bool SamplewiseCenter { get; init; }
    public bool FeaturewiseStdNormalization { get; init; }
    public bool SamplewiseStdNormalization { get; init; }
    public bool ZcaWhitening { get; init; }
    public double ZcaEpsilon { get; init; } = 1e-6;
    public double RotationRange { get; init; }
    public ShiftRange WidthShiftRange { get; init; } = ShiftRange.None;
    public ShiftRange HeightShiftRange { get; init; } = ShiftRange.None;
    public (double Low, double High)? BrightnessRange { get; init; }
    public double ShearRange { get; init; }
    public (double Low, double High) ZoomRange { get; init; } = (1, 1);
    public double ChannelShiftRange { get; init; }
    public FillMode FillMode { get; init; } = FillMode.Nearest;
    public double Cval { get; init; }
    public bool HorizontalFlip { get; init; }
    public bool VerticalFlip { get; init; }
    public double? Rescale { get; init; }
    public Func<Tensor, Tensor>? PreprocessingFunction { get; init; }
    public DataFormat DataFormat { get; init; } = DataFormat.ChannelsLast;
    public double ValidationSplit { get; init; }
    public int InterpolationOrder { get; init; } = 1;
}
