using AugNet.Imaging;

namespace AugNet.Data;

/// <summary>
/// Keras's <c>save_to_dir</c>, <c>save_prefix</c> and <c>save_format</c> as one value: every sample of a batch is also
/// written to <see cref="Directory"/> as <c>{Prefix}_{index}_{hash}.{Format}</c>, min–max scaled per image (Keras's
/// <c>array_to_img(scale=True)</c>), to see what the generator does. Grouped so the prefix and the format, both strings,
/// are set by name and cannot be swapped; each property checks its value when set, so a bad format fails here rather
/// than at the first saved batch.
/// </summary>
public sealed record SaveOptions
{
    readonly string _directory = "", _prefix = "", _format = "png";

    /// <param name="directory">Keras's <c>save_to_dir</c>; created when the first batch is saved.</param>
    public SaveOptions(string directory) => Directory = directory;

    /// <summary><c>save_to_dir</c>: the folder the images are written to (created if missing).</summary>
    public string Directory
    {
        get => _directory;
        init { ArgumentException.ThrowIfNullOrEmpty(value, "save_to_dir"); _directory = value; }
    }

    /// <summary><c>save_prefix</c>: the start of every file name; Keras's default "".</summary>
    public string Prefix
    {
        get => _prefix;
        init { ArgumentNullException.ThrowIfNull(value, "save_prefix"); _prefix = value; }
    }

    /// <summary>
    /// <c>save_format</c>: the file extension, which also picks the encoder (png, jpg/jpeg, bmp, webp); Keras's default
    /// "png". Kept as given, since it is part of the file names.
    /// </summary>
    public string Format
    {
        get => _format;
        init
        {
            ArgumentNullException.ThrowIfNull(value, "save_format");
            try { ImageFileFormats.Parse(value); }
            catch (ArgumentException e) { throw new ArgumentException($"save_format: {e.Message}", "save_format", e); }
            _format = value;
        }
    }
}
