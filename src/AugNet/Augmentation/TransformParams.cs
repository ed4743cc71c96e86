namespace AugNet.Augmentation;

/// <summary>
/// The random parameters of one augmentation, drawn by <c>ImageDataGenerator.GetRandomTransform</c> and applied by
/// the pure kernels (Keras's <c>get_random_transform</c> dictionary). Explicit values mean what they mean in Keras:
/// <see cref="Tx"/> moves along columns (tx &gt; 0 moves the content left), <see cref="Ty"/> along rows (ty &gt; 0 moves it
/// up), a positive <see cref="Theta"/> (degrees) rotates counter-clockwise on screen, <see cref="Shear"/> is in degrees,
/// zoom factors below 1 magnify.
/// </summary>
public sealed record TransformParams
{
    public double Theta { get; init; }
    public double Tx { get; init; }
    public double Ty { get; init; }
    public double Shear { get; init; }
    public double Zx { get; init; } = 1;
    public double Zy { get; init; } = 1;
    public bool FlipHorizontal { get; init; }
    public bool FlipVertical { get; init; }
    /// <summary>Null when no channel shift was drawn.</summary>
    public double? ChannelShiftIntensity { get; init; }
    /// <summary>Null when no brightness factor was drawn.</summary>
    public double? Brightness { get; init; }

    /// <summary>The identity transform.</summary>
    public static TransformParams Identity { get; } = new();
}
