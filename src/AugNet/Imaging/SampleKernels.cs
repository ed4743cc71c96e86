using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AugNet.Imaging;

/// <summary>
/// The per-sample copies on the load path: RGBA→RGB (dropping the alpha byte of decoded rows) and byte→float32
/// (<c>img_to_array</c>). Both are pure copies, so every vector path gives the scalar reference's values exactly; the
/// caller resolves the <see cref="SimdPath"/> on its own thread and passes it in. Nothing is allocated.
/// </summary>
internal static class SampleKernels
{
    // pshufb mask taking R, G, B of four RGBA pixels into the low 12 bytes; 0x80 zeroes the top four.
    static readonly Vector128<byte> RgbOfRgba = Vector128.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80);

    /// <summary>Copies R, G, B of each RGBA pixel of <paramref name="rgba"/> into <paramref name="rgb"/> (rgb.Length pixels·3).</summary>
    public static void RgbaToRgb(ReadOnlySpan<byte> rgba, Span<byte> rgb, SimdPath path)
    {
        if (rgba.Length / 4 != rgb.Length / 3 || rgb.Length % 3 != 0)
            throw new ArgumentException($"RGBA→RGB needs 4 bytes in for 3 out; got {rgba.Length} and {rgb.Length}.");
        int done = path >= SimdPath.Vector256 && Avx2.IsSupported ? RgbaToRgbVector256(rgba, rgb)
            : path >= SimdPath.Vector128 ? RgbaToRgbVector128(rgba, rgb) : 0;
        RgbaToRgbScalar(rgba[(done * 4)..], rgb[(done * 3)..]);
    }

    /// <summary>The reference: one pixel at a time.</summary>
    public static void RgbaToRgbScalar(ReadOnlySpan<byte> rgba, Span<byte> rgb)
    {
        for (int i = 0, j = 0; j < rgb.Length; i += 4, j += 3)
        {
            rgb[j] = rgba[i]; rgb[j + 1] = rgba[i + 1]; rgb[j + 2] = rgba[i + 2];
        }
    }

    // Four pixels per step; each 16-byte store writes 4 bytes past its 12, which the next step overwrites, so the loop
    // stops while a full 16 bytes still fit in the destination. Returns the pixels done.
    static int RgbaToRgbVector128(ReadOnlySpan<byte> rgba, Span<byte> rgb)
    {
        ref byte s = ref MemoryMarshal.GetReference(rgba);
        ref byte d = ref MemoryMarshal.GetReference(rgb);
        int px = 0, n = rgb.Length / 3;
        for (; (px + 4) * 3 + 4 <= rgb.Length && px + 4 <= n; px += 4)
        {
            var v = Vector128.LoadUnsafe(ref s, (nuint)(px * 4));
            Vector128.Shuffle(v, RgbOfRgba).StoreUnsafe(ref d, (nuint)(px * 3));
        }
        return px;
    }

    // Eight pixels per step: the shuffle packs each 128-bit lane to 12 bytes, the permute joins the lanes into 24.
    static int RgbaToRgbVector256(ReadOnlySpan<byte> rgba, Span<byte> rgb)
    {
        ref byte s = ref MemoryMarshal.GetReference(rgba);
        ref byte d = ref MemoryMarshal.GetReference(rgb);
        var mask = Vector256.Create(RgbOfRgba, RgbOfRgba);
        var join = Vector256.Create(0, 1, 2, 4, 5, 6, 3, 7);
        int px = 0, n = rgb.Length / 3;
        for (; (px + 8) * 3 + 8 <= rgb.Length && px + 8 <= n; px += 8)
        {
            var v = Avx2.Shuffle(Vector256.LoadUnsafe(ref s, (nuint)(px * 4)), mask);
            Avx2.PermuteVar8x32(v.AsInt32(), join).AsByte().StoreUnsafe(ref d, (nuint)(px * 3));
        }
        return px + RgbaToRgbVector128(rgba[(px * 4)..], rgb[(px * 3)..]);
    }

    /// <summary>Widens each byte of <paramref name="src"/> to a float in <paramref name="dst"/> (same length).</summary>
    public static void BytesToFloats(ReadOnlySpan<byte> src, Span<float> dst, SimdPath path)
    {
        if (src.Length != dst.Length) throw new ArgumentException($"byte→float needs equal lengths; got {src.Length} and {dst.Length}.");
        int done = path >= SimdPath.Vector256 && Avx2.IsSupported ? BytesToFloatsVector256(src, dst)
            : path >= SimdPath.Vector128 ? BytesToFloatsVector128(src, dst) : 0;
        BytesToFloatsScalar(src[done..], dst[done..]);
    }

    /// <summary>The reference: one sample at a time.</summary>
    public static void BytesToFloatsScalar(ReadOnlySpan<byte> src, Span<float> dst)
    {
        for (int i = 0; i < src.Length; i++) dst[i] = src[i];
    }

    static int BytesToFloatsVector128(ReadOnlySpan<byte> src, Span<float> dst)
    {
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref float d = ref MemoryMarshal.GetReference(dst);
        int i = 0;
        for (; i + 16 <= src.Length; i += 16)
        {
            var (lo, hi) = Vector128.Widen(Vector128.LoadUnsafe(ref s, (nuint)i));
            var (a, b) = Vector128.Widen(lo);
            var (c, e) = Vector128.Widen(hi);
            Vector128.ConvertToSingle(a.AsInt32()).StoreUnsafe(ref d, (nuint)i);
            Vector128.ConvertToSingle(b.AsInt32()).StoreUnsafe(ref d, (nuint)(i + 4));
            Vector128.ConvertToSingle(c.AsInt32()).StoreUnsafe(ref d, (nuint)(i + 8));
            Vector128.ConvertToSingle(e.AsInt32()).StoreUnsafe(ref d, (nuint)(i + 12));
        }
        return i;
    }

    static unsafe int BytesToFloatsVector256(ReadOnlySpan<byte> src, Span<float> dst)
    {
        int i = 0;
        fixed (byte* s = src)
        fixed (float* d = dst)
            for (; i + 32 <= src.Length; i += 32)
            {
                // vpmovzxbd reads 8 bytes straight into eight int32 lanes.
                Avx.Store(d + i, Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(s + i)));
                Avx.Store(d + i + 8, Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(s + i + 8)));
                Avx.Store(d + i + 16, Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(s + i + 16)));
                Avx.Store(d + i + 24, Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(s + i + 24)));
            }
        return i + BytesToFloatsVector128(src[i..], dst[i..]);
    }
}
