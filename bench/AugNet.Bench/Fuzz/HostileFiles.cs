using System.Buffers.Binary;
using System.IO.Compression;
using AugNet.Imaging;

namespace AugNet.Fuzzing;

/// <summary>Tiny files whose headers declare huge images (issue 10), built from real encoder output; shared by the tests and `bench/run hostile-memory`.</summary>
internal static class HostileFiles
{
    /// <summary>A 16×16 JPEG encoded by SkiaSharp whose SOF0 is patched to declare <paramref name="width"/>×<paramref name="height"/>.</summary>
    public static byte[] JpegDeclaring(int width, int height)
    {
        var image = new RasterImage(16, 16, PixelMode.RGB, Enumerable.Range(0, 16 * 16 * 3).Select(i => (byte)(i * 7)).ToArray());
        byte[] b = ImageSaver.Encode(image, ImageFileFormat.Jpeg, quality: 90);
        int i = 2;
        while (i + 4 <= b.Length)
        {
            int marker = b[i + 1], length = BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(i + 2));
            if (marker is 0xC0 or 0xC1 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(i + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(i + 7), (ushort)width);
                return b;
            }
            i += 2 + length;
        }
        throw new InvalidOperationException("SkiaSharp's JPEG has no SOF0/1/2 marker.");
    }

    /// <summary>A valid GIF whose logical screen is <paramref name="width"/>×<paramref name="height"/> holding one 2×2 frame.</summary>
    public static byte[] GifScreen(int width, int height) => FuzzInputs.GifScreen(width, height);

    /// <summary>A PNG whose IHDR declares an 8-bit RGB <paramref name="width"/>×<paramref name="height"/> image, with 100 kB of zero rows deflated.</summary>
    public static byte[] PngDeclaring(uint width, uint height)
    {
        var o = new MemoryStream();
        o.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; ihdr[9] = 2;
        Chunk(o, "IHDR", ihdr);
        var z = new MemoryStream();
        using (var d = new ZLibStream(z, CompressionLevel.SmallestSize, leaveOpen: true)) d.Write(new byte[100_000]);
        Chunk(o, "IDAT", z.ToArray());
        Chunk(o, "IEND", []);
        return o.ToArray();
    }

    static uint Crc(byte[] data)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        }
        return c ^ 0xFFFFFFFF;
    }

    static void Chunk(Stream o, string type, byte[] data)
    {
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(len, (uint)data.Length);
        o.Write(len);
        byte[] t = System.Text.Encoding.ASCII.GetBytes(type);
        o.Write(t);
        o.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(len, Crc([.. t, .. data]));
        o.Write(len);
    }
}
