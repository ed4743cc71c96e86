using System.Buffers.Binary;

namespace AugNet.Imaging;

/// <summary>
/// Whether a file is large enough to hold the image its header declares, decided from the header alone. Only bounds
/// that hold for every valid file are used, so no image that decodes completely is refused:
/// <list type="bullet">
/// <item>PNG: deflate expands at most 1032-fold, so the filtered rows ((row bytes + 1) × height) cannot exceed
/// 1032 × the file's length.</item>
/// <item>Huffman-coded JPEG (SOF0–SOF2): every 8×8 block of the densest component costs at least one bit (its DC
/// code), so the file needs at least blocks / 8 bytes; half of that is asked for, as a margin.</item>
/// </list>
/// GIF, WebP, BMP and arithmetic-coded JPEG can legitimately compress further (a GIF's frame may be tiny within its
/// logical screen), so only the <see cref="DecodeBudget"/> bounds them.
/// </summary>
internal static class DeclaredSizeCheck
{
    /// <summary>Throws <see cref="InvalidImageException"/> when <paramref name="encoded"/> cannot hold the declared image.</summary>
    public static void Check(ReadOnlySpan<byte> encoded, string sourceName, ImageDecoder.PngHeader? png)
    {
        if (png is { } h)
        {
            int channels = h.ColorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => 1 };
            double rowBytes = Math.Ceiling(h.Width * channels * Math.Max(1, (int)h.BitDepth) / 8.0) + 1;
            double raw = rowBytes * h.Height;
            double most = 1032.0 * encoded.Length + 1024;
            if (raw > most)
                throw new InvalidImageException(sourceName,
                    $"the file is truncated: its {encoded.Length} bytes cannot hold the {h.Width}x{h.Height} PNG its header declares " +
                    $"({raw:0} bytes of rows; deflate expands at most 1032-fold).");
            return;
        }
        if (JpegMinimumBytes(encoded) is { } jpeg && encoded.Length < jpeg.MinBytes)
            throw new InvalidImageException(sourceName,
                $"the file is truncated: its {encoded.Length} bytes cannot hold the {jpeg.Width}x{jpeg.Height} JPEG its header declares " +
                $"(at least {jpeg.MinBytes} bytes).");
    }

    /// <summary>The frame size and a lower bound on the file length of a Huffman-coded JPEG; null for anything else.</summary>
    static (int Width, int Height, long MinBytes)? JpegMinimumBytes(ReadOnlySpan<byte> b)
    {
        if (b.Length < 4 || b[0] != 0xFF || b[1] != 0xD8) return null;
        int i = 2;
        while (i + 4 <= b.Length)
        {
            if (b[i] != 0xFF) return null;
            int marker = b[i + 1];
            if (marker == 0xFF) { i++; continue; }
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) { i += 2; continue; }
            int length = BinaryPrimitives.ReadUInt16BigEndian(b.Slice(i + 2, 2));
            if (length < 2 || i + 2 + length > b.Length) return null;
            if (marker is 0xC0 or 0xC1 or 0xC2)
            {
                var sof = b.Slice(i + 4, length - 2);
                if (sof.Length < 6) return null;
                int height = BinaryPrimitives.ReadUInt16BigEndian(sof.Slice(1, 2)), width = BinaryPrimitives.ReadUInt16BigEndian(sof.Slice(3, 2));
                int n = sof[5];
                if (n < 1 || sof.Length < 6 + 3 * n || width == 0 || height == 0) return null;
                int hMax = 1, vMax = 1;
                for (int c = 0; c < n; c++) { hMax = Math.Max(hMax, sof[7 + 3 * c] >> 4); vMax = Math.Max(vMax, sof[7 + 3 * c] & 15); }
                long blocks = 0;
                for (int c = 0; c < n; c++)
                {
                    int hs = Math.Max(1, sof[7 + 3 * c] >> 4), vs = Math.Max(1, sof[7 + 3 * c] & 15);
                    long cw = ((long)width * hs + hMax - 1) / hMax, ch = ((long)height * vs + vMax - 1) / vMax;
                    blocks = Math.Max(blocks, (cw + 7) / 8 * ((ch + 7) / 8));
                }
                return (width, height, blocks / 16);
            }
            if (marker is >= 0xC3 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC) return null; // lossless or arithmetic
            if (marker == 0xDA) return null; // scan before a frame header: not ours to judge
            i += 2 + length;
        }
        return null;
    }
}
