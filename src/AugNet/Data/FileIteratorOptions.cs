using AugNet.Imaging;

namespace AugNet.Data;

/// <summary>
/// The options <c>flow_from_directory</c> and <c>flow_from_dataframe</c> share, with Keras's defaults: how each file is
/// loaded (size, colour mode, interpolation, aspect ratio), which classes and labels a batch carries, how batches are
/// drawn (size, shuffle, seed, subset) and whether they are saved. A record rather than positional parameters because
/// the iterators took up to 22 of them; properties that can be checked alone are checked when set.
/// </summary>
public sealed record FileIteratorOptions
{
    readonly (int Height, int Width) _targetSize = DefaultTargetSize;

    /// <summary>Keras's default <c>target_size</c>, (256, 256).</summary>
    public static (int Height, int Width) DefaultTargetSize => (256, 256);

    /// <summary>All defaults.</summary>
    public static FileIteratorOptions Default { get; } = new();

    /// <summary><c>target_size</c>: (height, width) every image is resized to; both at least 1.</summary>
    public (int Height, int Width) TargetSize
    {
        get => _targetSize;
        init
        {
            if (value.Height <= 0 || value.Width <= 0)
                throw new ArgumentOutOfRangeException("targetSize", value, "target_size must be (height, width) with both at least 1.");
            _targetSize = value;
        }
    }

    /// <summary><c>color_mode</c>: grayscale (1 channel), rgb (3) or rgba (4).</summary>
    public ColorMode ColorMode { get; init; } = ColorMode.Rgb;

    /// <summary><c>classes</c>: class names in index order; null = found in the data (sorted).</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary><c>class_mode</c>: what a batch's labels are (see <see cref="AugNet.Data.ClassMode"/>).</summary>
    public ClassMode ClassMode { get; init; } = ClassMode.Categorical;

    /// <summary><c>batch_size</c>: samples per batch.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary><c>shuffle</c>: a new permutation at the start of every pass.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary><c>seed</c>: makes shuffles and augmentations reproducible (Keras's sequence); null = unseeded.</summary>
    public long? Seed { get; init; }

    /// <summary><c>subset</c>: with the generator's validation_split, the training or validation part; null = all.</summary>
    public Subset? Subset { get; init; }

    /// <summary><c>interpolation</c>: the resampling filter used to resize (Keras's default nearest).</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Nearest;

    /// <summary><c>keep_aspect_ratio</c>: crop the centre to the target's aspect ratio before resizing.</summary>
    public bool KeepAspectRatio { get; init; }

    /// <summary>
    /// Not a Keras option: JPEGs are decoded at 1/2, 1/4 or 1/8 scale when the target size allows, as Pillow's
    /// <c>Image.draft("RGB", target_size)</c> (a 4000×3000 photo for 150×150 decodes at 500×375). Much faster for
    /// photos several times the target size; the images then differ slightly from Keras's, which decodes every pixel.
    /// Off by default.
    /// </summary>
    public bool JpegDraft { get; init; }

    /// <summary><c>save_to_dir</c>, <c>save_prefix</c>, <c>save_format</c>; null = batches are not saved.</summary>
    public SaveOptions? SaveTo { get; init; }
}
