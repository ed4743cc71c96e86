namespace AugNet.Persistence.Onnx;

/// <summary>Rearranges engine weights into the layouts ONNX operators expect.</summary>
internal static class OnnxWeights
{
    /// <summary>
    /// A Conv2D kernel stored (KH, KW, Cin, Cout) "HWIO", as Keras does, rearranged to ONNX Conv's (Cout, Cin, KH, KW)
    /// "OIHW": the transpose (3, 2, 0, 1) that keras2onnx and tf2onnx use.
    /// </summary>
    public static float[] HwioToOihw(ReadOnlySpan<float> hwio, int kh, int kw, int cin, int cout)
    {
        if (hwio.Length != kh * kw * cin * cout)
            throw new ArgumentException($"A ({kh}, {kw}, {cin}, {cout}) kernel has {kh * kw * cin * cout} values, not {hwio.Length}.", nameof(hwio));
        var oihw = new float[hwio.Length];
        for (int y = 0; y < kh; y++)
            for (int x = 0; x < kw; x++)
                for (int i = 0; i < cin; i++)
                    for (int o = 0; o < cout; o++)
                        oihw[((o * cin + i) * kh + y) * kw + x] = hwio[((y * kw + x) * cin + i) * cout + o];
        return oihw;
    }
}
