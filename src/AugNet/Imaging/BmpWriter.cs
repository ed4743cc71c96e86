using System.Buffers.Binary;

namespace AugNet.Imaging;

/// <summary>
/// Uncompressed Windows BMP output laid out as Pillow writes it: L as 8-bit with a grey palette, RGB as 24-bit BGR,
/// RGBA as 32-bit BGRA; rows bottom-up, padded to 4 bytes. (Skia has no BMP encoder.)
/// </summary>
internal static class BmpWriter
{
    public static byte[] Encode(RasterImage image)
    {
        int bits = image.Mode switch
        {
            PixelMode.L => 8,
            PixelMode.RGB => 24,
            PixelMode.RGBA => 32,
            _ => throw new NotSupportedException($"BMP cannot hold mode {image.Mode}."),
        };
        int w = image.Width, h = image.Height, c = image.Channels;
        int stride = (w * bits / 8 + 3) & ~3;
        int palette = bits == 8 ? 256 * 4 : 0;
        int offset = 14 + 40 + palette;
        long size = offset + (long)stride * h;
        if (size > int.MaxValue) throw new NotSupportedException($"A {w}x{h} image is too large for BMP.");
        var b = new byte[size];
        var s = b.AsSpan();
        s[0] = (byte)'B'; s[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(s[2..], (int)size);
        BinaryPrimitives.WriteInt32LittleEndian(s[10..], offset);
        BinaryPrimitives.WriteInt32LittleEndian(s[14..], 40);
        BinaryPrimitives.WriteInt32LittleEndian(s[18..], w);
        BinaryPrimitives.WriteInt32LittleEndian(s[22..], h);
        BinaryPrimitives.WriteInt16LittleEndian(s[26..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(s[28..], (short)bits);
        BinaryPrimitives.WriteInt32LittleEndian(s[34..], stride * h);
        BinaryPrimitives.WriteInt32LittleEndian(s[38..], 2835);
        BinaryPrimitives.WriteInt32LittleEndian(s[42..], 2835);
        if (bits == 8)
        {
            BinaryPrimitives.WriteInt32LittleEndian(s[46..], 256);
            for (int i = 0; i < 256; i++) { s[54 + 4 * i] = s[55 + 4 * i] = s[56 + 4 * i] = (byte)i; }
        }
        for (int y = 0; y < h; y++)
        {
            ReadOnlySpan<byte> src = image.Row(y);
            Span<byte> dst = s.Slice(offset + (h - 1 - y) * stride, stride);
            if (c == 1) { src.CopyTo(dst); continue; }
            for (int x = 0; x < w; x++)
            {
                dst[x * c] = src[x * c + 2];
                dst[x * c + 1] = src[x * c + 1];
                dst[x * c + 2] = src[x * c];
                if (c == 4) dst[x * c + 3] = src[x * c + 3];
            }
        }
        return b;
    }
}
