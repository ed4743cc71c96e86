namespace AugNet.Tests.Imaging;

/// <summary>
/// Writes a single-frame GIF89a by hand: 256-entry palette, 9-bit LZW codes with a clear code every 100 literals so
/// the code width never grows (valid, if uncompressed, LZW), optional transparent index.
/// </summary>
internal static class GifBuilder
{
    public static byte[] Build(int width, int height, byte[][] palette, byte[] indices, int? transparent = null)
    {
        var o = new List<byte>();
        o.AddRange("GIF89a"u8.ToArray());
        o.AddRange([(byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0xF7, 0, 0]);
        for (int i = 0; i < 256; i++) o.AddRange(i < palette.Length ? palette[i] : [0, 0, 0]);
        if (transparent is { } t) o.AddRange([0x21, 0xF9, 4, 1, 0, 0, (byte)t, 0]);
        o.AddRange([0x2C, 0, 0, 0, 0, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0]);
        o.Add(8);
        var bits = new List<bool>();
        void Code(int c) { for (int b = 0; b < 9; b++) bits.Add(((c >> b) & 1) != 0); }
        for (int i = 0; i < indices.Length; i++)
        {
            if (i % 100 == 0) Code(256);
            Code(indices[i]);
        }
        Code(257);
        var data = new byte[(bits.Count + 7) / 8];
        for (int i = 0; i < bits.Count; i++) if (bits[i]) data[i / 8] |= (byte)(1 << (i % 8));
        for (int p = 0; p < data.Length; p += 255)
        {
            int n = Math.Min(255, data.Length - p);
            o.Add((byte)n);
            o.AddRange(data.AsSpan(p, n).ToArray());
        }
        o.Add(0);
        o.Add(0x3B);
        return o.ToArray();
    }
}
