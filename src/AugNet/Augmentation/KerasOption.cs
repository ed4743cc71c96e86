namespace AugNet.Augmentation;

/// <summary>
/// One Keras <c>ImageDataGenerator</c> parameter: its name, how to read it from and write it to
/// <see cref="ImageDataGeneratorOptions"/>, how it is given and described, and whether the fused warp+rescale kernel
/// covers it. <see cref="ImageDataGeneratorOptionTable.All"/> lists every one; the Keras dictionary factory, its
/// inverse and the command-line flags all read that list, so a new option is one entry plus its kernel.
/// </summary>
public sealed record KerasOption
{
    /// <summary>The Keras keyword, e.g. <c>rotation_range</c>.</summary>
    public required string KerasName { get; init; }

    /// <summary>How the option is given on a command line.</summary>
    public required KerasValueForm Form { get; init; }

    /// <summary>The value's placeholder in help and descriptions (<c>DEGREES</c>); empty for a switch.</summary>
    public string ValueName { get; init; } = "";

    /// <summary>What the option does, in one line that may name <see cref="ValueName"/>.</summary>
    public required string Description { get; init; }

    /// <summary>A typical value in its command-line form, e.g. <c>40</c> or <c>0.8,1.2</c>; empty for a switch.</summary>
    public string Example { get; init; } = "";

    /// <summary>The option's value in Keras's form (the inverse of <see cref="Set"/>).</summary>
    public required Func<ImageDataGeneratorOptions, object?> Get { get; init; }

    /// <summary>Options with this parameter set from a Keras value (the options' own setters validate it).</summary>
    public required Func<ImageDataGeneratorOptions, KerasValue, ImageDataGeneratorOptions> Set { get; init; }

    /// <summary>
    /// Whether a drawn transform needs a pass over the image after the warp for this option (channel shift,
    /// brightness). The fused warp+rescale kernel only warps, flips and scales, so
    /// <see cref="ImageTransforms.ApplyTransformAndRescale"/> takes the two-step path when any option says yes.
    /// Required, so that a new augmentation must decide rather than be skipped silently; <see cref="Never"/> for
    /// options the warp covers or that draw nothing per image.
    /// </summary>
    public required Func<TransformParams, bool> NeedsPassAfterWarp { get; init; }

    /// <summary>For <see cref="NeedsPassAfterWarp"/>: the fused kernel covers this option (or it draws nothing).</summary>
    public static Func<TransformParams, bool> Never { get; } = _ => false;

    /// <summary>Keras's value for a default-constructed <see cref="ImageDataGeneratorOptions"/> (read, not restated).</summary>
    public object? KerasDefault => Get(new ImageDataGeneratorOptions());

    /// <summary><see cref="KerasDefault"/> as Python prints it: "0.0", "None", "nearest", "1e-06".</summary>
    public string DefaultText => PythonFormat.Value(KerasDefault);
}
