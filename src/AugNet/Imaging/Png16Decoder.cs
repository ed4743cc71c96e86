using System.Buffers.Binary;
using System.IO.Compression;

namespace AugNet.Imaging;

/// <summary>
/// Decodes non-interlaced 16-bit PNGs into Pillow 9.4's modes, which Skia cannot deliver losslessly: grey → mode I
/// with the full 16-bit values; grey+alpha, RGB and RGBA → LA/RGB/RGBA with the high byte of each sample (Pillow's
/// ";16B" unpackers). Inflate, then undo the five PNG row filters with a 2-byte-per-sample pixel stride.
/// </summary>
internal static class Png16Decoder
{
    /// <summary>Decodes <paramref name="png"/>, whose IHDR <paramref name="header"/> has already been read.</summary>
    public static RasterImage Decode(ReadOnlySpan<byte> png, ImageDecoder.PngHeader header, string sourceName)
    {
        int width = (int)header.Width, height = (int)header.Height, colorType = header.ColorType;
        int channels = colorType switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => throw new InvalidImageException(sourceName, $"invalid 16-bit PNG colour type {colorType}.") };
        var idat = new MemoryStream();
        int pos = 8;
        bool sawEnd = false;
        while (pos + 12 <= png.Length)
        {
            int len = (int)BinaryPrimitives.ReadUInt32BigEndian(png.Slice(pos, 4));
            if (len < 0 || pos + 12L + len > png.Length) break;
            var type = png.Slice(pos + 4, 4);
            if (type.SequenceEqual("IDAT"u8)) idat.Write(png.Slice(pos + 8, len));
            if (type.SequenceEqual("IEND"u8)) { sawEnd = true; break; }
            pos += 12 + len;
        }
        int bpp = channels * 2;
        int stride = checked(width * bpp);
        var raw = new byte[checked((long)(stride + 1) * height)];
        try
        {
            idat.Position = 0;
            using var z = new ZLibStream(idat, CompressionMode.Decompress);
            z.ReadExactly(raw);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
        {
            throw new InvalidImageException(sourceName, sawEnd ? "the PNG image data is corrupt." : "the file is truncated (incomplete image data).", e);
        }
        var prev = new byte[stride];
        var cur = new byte[stride];
        var mode = colorType switch { 0 => PixelMode.I, 2 => PixelMode.RGB, 4 => PixelMode.LA, _ => PixelMode.RGBA };
        var image = RasterImage.Create(width, height, mode);
        for (int y = 0; y < height; y++)
        {
            int filter = raw[y * (stride + 1)];
            raw.AsSpan(y * (stride + 1) + 1, stride).CopyTo(cur);
            Unfilter(filter, cur, prev, bpp, sourceName);
            if (mode == PixelMode.I)
            {
                Span<int> row = image.IntRow(y);
                for (int x = 0; x < width; x++) row[x] = cur[2 * x] << 8 | cur[2 * x + 1];
            }
            else
            {
                Span<byte> row = image.Row(y);
                for (int i = 0; i < row.Length; i++) row[i] = cur[2 * i];
            }
            (prev, cur) = (cur, prev);
        }
        return image;
    }

    static void Unfilter(int filter, Span<byte> cur, ReadOnlySpan<byte> prev, int bpp, string sourceName)
    {
        switch (filter)
        {
            case 0: break;
            case 1: for (int i = bpp; i < cur.Length; i++) cur[i] += cur[i - bpp]; break;
            case 2: for (int i = 0; i < cur.Length; i++) cur[i] += prev[i]; break;
            case 3:
                for (int i = 0; i < cur.Length; i++) cur[i] += (byte)(((i >= bpp ? cur[i - bpp] : 0) + prev[i]) >> 1);
                break;
            case 4:
                for (int i = 0; i < cur.Length; i++)
                {
                    int a = i >= bpp ? cur[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
                    int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                    cur[i] += (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
                }
                break;
            default: throw new InvalidImageException(sourceName, $"invalid PNG row filter {filter}.");
        }
    }
}
