namespace AugNet.Imaging;

/// <summary>
/// Pillow's <c>Image.convert</c> between the modes <c>load_img</c> meets, bit for bit (Pillow 9.4 Convert.c rules):
/// grey is ITU-R 601-2 luma in 16.16 fixed point with rounding, L = (19595·R + 38470·G + 7471·B + 32768) &gt;&gt; 16;
/// dropping alpha never composites; grey to colour replicates; integer grey clips into 0–255.
/// </summary>
internal static class ColorConversion
{
    /// <summary>Pillow's rounded RGB→L luma of one pixel.</summary>
    public static byte Luma(byte r, byte g, byte b) => (byte)((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);

    /// <summary>Returns <paramref name="image"/> converted to <paramref name="target"/> (a new image; the same instance when the mode already matches).</summary>
    public static RasterImage Convert(RasterImage image, PixelMode target)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Mode == target) return image;
        var output = RasterImage.Create(image.Width, image.Height, target);
        int w = image.Width;
        for (int y = 0; y < image.Height; y++)
        {
            if (image.Mode == PixelMode.I)
            {
                ReadOnlySpan<int> src = image.IntRow(y);
                Span<byte> dst = output.Row(y);
                int c = target.Channels();
                for (int x = 0; x < w; x++)
                {
                    int v = src[x];
                    byte g = (byte)(v <= 0 ? 0 : v >= 255 ? 255 : v);
                    for (int k = 0; k < c; k++) dst[x * c + k] = g;
                    if (target is PixelMode.RGBA or PixelMode.LA) dst[x * c + c - 1] = 255;
                }
            }
            else if (target == PixelMode.I)
            {
                ConvertRow(image.Row(y), image.Mode, Span<byte>.Empty, PixelMode.L, w, output.IntRow(y));
            }
            else
            {
                ConvertRow(image.Row(y), image.Mode, output.Row(y), target, w, default);
            }
        }
        return output;
    }

    /// <summary>Converts one row; when <paramref name="toInts"/> is non-empty the grey result goes there (mode I).</summary>
    static void ConvertRow(ReadOnlySpan<byte> src, PixelMode from, Span<byte> dst, PixelMode to, int width, Span<int> toInts)
    {
        int sc = from.Channels();
        int dc = to.Channels();
        bool fromColour = from is PixelMode.RGB or PixelMode.RGBA;
        bool fromAlpha = from is PixelMode.LA or PixelMode.RGBA;
        for (int x = 0; x < width; x++)
        {
            ReadOnlySpan<byte> p = src.Slice(x * sc, sc);
            byte r, g, b;
            if (fromColour) { r = p[0]; g = p[1]; b = p[2]; }
            else { r = g = b = p[0]; }
            byte a = fromAlpha ? p[sc - 1] : (byte)255;
            if (!toInts.IsEmpty) { toInts[x] = fromColour ? Luma(r, g, b) : r; continue; }
            Span<byte> q = dst.Slice(x * dc, dc);
            switch (to)
            {
                case PixelMode.L: q[0] = fromColour ? Luma(r, g, b) : r; break;
                case PixelMode.LA: q[0] = fromColour ? Luma(r, g, b) : r; q[1] = a; break;
                case PixelMode.RGB: q[0] = r; q[1] = g; q[2] = b; break;
                case PixelMode.RGBA: q[0] = r; q[1] = g; q[2] = b; q[3] = a; break;
            }
        }
    }

    /// <summary>
    /// Pillow's RGBA→RGBa (or LA→La) premultiplication, in place on interleaved rows with the alpha last:
    /// c' = MULDIV255(c, a) where MULDIV255(c, a) = (t + (t &gt;&gt; 8)) &gt;&gt; 8 with t = c·a + 128.
    /// </summary>
    public static void Premultiply(Span<byte> pixels, int channels)
    {
        for (int i = 0; i + channels <= pixels.Length; i += channels)
        {
            uint a = pixels[i + channels - 1];
            for (int k = 0; k < channels - 1; k++)
            {
                uint t = pixels[i + k] * a + 128;
                pixels[i + k] = (byte)(((t >> 8) + t) >> 8);
            }
        }
    }

    /// <summary>
    /// Pillow's RGBa→RGBA (or La→LA) in place: alpha 0 or 255 leaves colours as they are, otherwise
    /// c = min(255, (255·c') / a) with integer division.
    /// </summary>
    public static void Unpremultiply(Span<byte> pixels, int channels)
    {
        for (int i = 0; i + channels <= pixels.Length; i += channels)
        {
            uint a = pixels[i + channels - 1];
            if (a == 0 || a == 255) continue;
            for (int k = 0; k < channels - 1; k++)
            {
                uint v = 255u * pixels[i + k] / a;
                pixels[i + k] = (byte)(v > 255 ? 255 : v);
            }
        }
    }
}
