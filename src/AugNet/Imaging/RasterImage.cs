namespace AugNet.Imaging;

/// <summary>
/// An image as Pillow holds it between <c>load_img</c>'s steps: a mode, a size and interleaved row-major pixels.
/// 8-bit modes keep their samples in <see cref="Bytes"/>; mode <see cref="PixelMode.I"/> keeps them in
/// <see cref="Ints"/>. This is the 8-bit result that callers may take instead of the float tensor.
/// </summary>
public sealed class RasterImage
{
    /// <summary>Width in pixels (Pillow's <c>size[0]</c>).</summary>
    public int Width { get; }
    /// <summary>Height in pixels (Pillow's <c>size[1]</c>).</summary>
    public int Height { get; }
    /// <summary>Pillow mode of the pixels.</summary>
    public PixelMode Mode { get; }
    /// <summary>Interleaved samples of an 8-bit mode (empty for mode I).</summary>
    public byte[] Bytes { get; }
    /// <summary>Samples of mode I (empty for 8-bit modes).</summary>
    public int[] Ints { get; }

    /// <summary>Channels per pixel.</summary>
    public int Channels => Mode.Channels();

    /// <summary>Samples per row.</summary>
    public int RowLength => Width * Channels;

    /// <summary>Wraps 8-bit samples (not copied).</summary>
    public RasterImage(int width, int height, PixelMode mode, byte[] bytes)
    {
        CheckSize(width, height);
        if (mode == PixelMode.I) throw new ArgumentException("Mode I keeps 32-bit samples; use the int[] constructor.", nameof(mode));
        ArgumentNullException.ThrowIfNull(bytes);
        long need = (long)width * height * mode.Channels();
        if (bytes.Length != need) throw new ArgumentException($"A {width}x{height} {mode} image needs {need} bytes, got {bytes.Length}.", nameof(bytes));
        (Width, Height, Mode, Bytes, Ints) = (width, height, mode, bytes, Array.Empty<int>());
    }

    /// <summary>Wraps mode I samples (not copied).</summary>
    public RasterImage(int width, int height, int[] ints)
    {
        CheckSize(width, height);
        ArgumentNullException.ThrowIfNull(ints);
        long need = (long)width * height;
        if (ints.Length != need) throw new ArgumentException($"A {width}x{height} I image needs {need} samples, got {ints.Length}.", nameof(ints));
        (Width, Height, Mode, Bytes, Ints) = (width, height, PixelMode.I, Array.Empty<byte>(), ints);
    }

    /// <summary>A new zero-filled image.</summary>
    public static RasterImage Create(int width, int height, PixelMode mode)
    {
        CheckSize(width, height);
        long n = (long)width * height * mode.Channels();
        if (n > Array.MaxLength) throw new ArgumentException($"A {width}x{height} {mode} image is too large for one array.");
        return mode == PixelMode.I ? new RasterImage(width, height, new int[n]) : new RasterImage(width, height, mode, new byte[n]);
    }

    /// <summary>One row of an 8-bit image.</summary>
    public Span<byte> Row(int y) => Bytes.AsSpan(y * RowLength, RowLength);

    /// <summary>One row of a mode I image.</summary>
    public Span<int> IntRow(int y) => Ints.AsSpan(y * Width, Width);

    /// <summary>Deep copy.</summary>
    public RasterImage Clone() => Mode == PixelMode.I
        ? new RasterImage(Width, Height, (int[])Ints.Clone())
        : new RasterImage(Width, Height, Mode, (byte[])Bytes.Clone());

    public override string ToString() => $"RasterImage {Mode} {Width}x{Height}";

    static void CheckSize(int width, int height)
    {
        if (width < 0 || height < 0) throw new ArgumentException($"Image size {width}x{height} is negative.");
    }
}
