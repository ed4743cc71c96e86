namespace AugNet.Imaging;

/// <summary>
/// Where Pillow's nearest neighbour (ImagingScaleAffine) samples: output column x reads source column floor(xo) with
/// xo = box.X0 + a/2 + x·a accumulated by repeated addition in double, a = (box width)/width; rows likewise. Samples
/// that fall outside the source are left as they are (zero in a new image). Shared by <see cref="PillowResize"/> and
/// the decoder, which samples decoded rows as they arrive (see <see cref="NearestTarget"/>), so both read the same pixels.
/// </summary>
internal sealed class NearestMap
{
    /// <summary>Source column of each output column (meaningful where <see cref="Valid"/>).</summary>
    public int[] Xs { get; }
    /// <summary>Whether output column x reads a column inside the source.</summary>
    public bool[] Valid { get; }
    /// <summary>Source row of each output row; −1 or ≥ the source height means none (the row stays as it is).</summary>
    public int[] Ys { get; }

    NearestMap(int[] xs, bool[] valid, int[] ys) => (Xs, Valid, Ys) = (xs, valid, ys);

    /// <summary>The grid for a <paramref name="width"/>×<paramref name="height"/> output of box <paramref name="b"/> of a source <paramref name="sourceWidth"/> wide.</summary>
    public static NearestMap Create(int sourceWidth, int width, int height, ResizeBox b)
    {
        double a0 = (double)(b.X1 - b.X0) / width;
        double a4 = (double)(b.Y1 - b.Y0) / height;
        var xs = new int[width];
        var valid = new bool[width];
        double xo = b.X0 + a0 * 0.5;
        for (int x = 0; x < width; x++)
        {
            int xin = xo < 0.0 ? -1 : (int)xo;
            if (xin >= 0 && xin < sourceWidth) { xs[x] = xin; valid[x] = true; }
            xo += a0;
        }
        var ys = new int[height];
        double yo = b.Y0 + a4 * 0.5;
        for (int y = 0; y < height; y++)
        {
            ys[y] = yo < 0.0 ? -1 : (int)yo;
            yo += a4;
        }
        return new NearestMap(xs, valid, ys);
    }

    /// <summary>
    /// One output row of 8-bit samples: the first <paramref name="channels"/> samples of each picked source pixel,
    /// the source having <paramref name="sourceChannels"/> per pixel (4 → 3 drops the alpha of decoded RGBA rows).
    /// </summary>
    public void GatherRow(ReadOnlySpan<byte> s, int sourceChannels, Span<byte> d, int channels)
    {
        int width = Xs.Length;
        switch ((sourceChannels, channels))
        {
            case (1, 1):
                for (int x = 0; x < width; x++) if (Valid[x]) d[x] = s[Xs[x]];
                break;
            case (3, 3):
            case (4, 3):
                for (int x = 0; x < width; x++)
                {
                    if (!Valid[x]) continue;
                    int si = Xs[x] * sourceChannels, di = x * 3;
                    d[di] = s[si]; d[di + 1] = s[si + 1]; d[di + 2] = s[si + 2];
                }
                break;
            case (4, 4):
                {
                    var s32 = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(s);
                    var d32 = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(d);
                    for (int x = 0; x < width; x++) if (Valid[x]) d32[x] = s32[Xs[x]];
                    break;
                }
            default:
                for (int x = 0; x < width; x++)
                    if (Valid[x]) s.Slice(Xs[x] * sourceChannels, channels).CopyTo(d.Slice(x * channels, channels));
                break;
        }
    }

    /// <summary>One output row of mode I samples.</summary>
    public void GatherRow(ReadOnlySpan<int> s, Span<int> d)
    {
        for (int x = 0; x < Xs.Length; x++) if (Valid[x]) d[x] = s[Xs[x]];
    }
}
