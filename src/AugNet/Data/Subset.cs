using AugNet.Augmentation;

namespace AugNet.Data;

/// <summary>
/// Keras's <c>subset</c> with the generator's <c>validation_split</c>. As in Keras, <see cref="Validation"/> takes the
/// <b>first</b> part of the data (per class for directories, globally for arrays and data frames), <see cref="Training"/> the rest.
/// </summary>
public enum Subset
{
    Training,
    Validation,
}

/// <summary>Parsing and split arithmetic for <see cref="Subset"/>.</summary>
internal static class SubsetNames
{
    /// <summary>Parses 'training' or 'validation'; anything else gets Keras's message.</summary>
    public static Subset Parse(string name) => name switch
    {
        "training" => Subset.Training,
        "validation" => Subset.Validation,
        _ => throw new ArgumentException($"Invalid subset name: {name}; expected \"training\" or \"validation\".", nameof(name)),
    };

    /// <summary>The Keras name.</summary>
    public static string ToKeras(this Subset subset) => subset == Subset.Training ? "training" : "validation";

    /// <summary>
    /// Keras's split (spec §11.1): validation = [0, split), training = [split, 1), applied to a count c as
    /// [int(lo·c), int(hi·c)) with truncation. A subset with validation_split 0 is refused here (Keras silently
    /// gives everything or nothing), because it is almost always a forgotten option.
    /// </summary>
    internal static (int Start, int End) Range(Subset? subset, double validationSplit, int count)
    {
        if (subset is null) return (0, count);
        double lo = subset == Subset.Validation ? 0 : validationSplit;
        double hi = subset == Subset.Validation ? validationSplit : 1;
        return ((int)(lo * count), (int)(hi * count));
    }

    /// <summary>
    /// The generator's validation_split (0 without a generator), refused when a subset is asked for but the split is
    /// not in (0, 1). Every iterator reads the split through here, so the check cannot be forgotten.
    /// </summary>
    internal static double SplitFor(Subset? subset, ImageDataGenerator? generator)
    {
        double validationSplit = generator?.Options.ValidationSplit ?? 0;
        if (subset is not null && !(validationSplit > 0 && validationSplit < 1))
            throw new ArgumentException(
                $"subset=\"{subset.Value.ToKeras()}\" needs the generator's validation_split in (0, 1), but it is {validationSplit}. " +
                "Set ImageDataGeneratorOptions.ValidationSplit (e.g. 0.2) or pass no subset.", nameof(subset));
        return validationSplit;
    }
}
