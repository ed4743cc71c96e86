namespace AugNet.Imaging;

/// <summary>Keras's <c>img_to_array</c> and <c>array_to_img</c>.</summary>
public static class ArrayImage
{
    /// <summary>
    /// Keras's <c>img_to_array</c>: float32 samples of the image, (H, W, C) or (C, H, W); grey images get a channel
    /// axis of 1.
    /// </summary>
    public static Tensor ImgToArray(RasterImage image, DataFormat dataFormat = DataFormat.ChannelsLast)
    {
        ArgumentNullException.ThrowIfNull(image);
        int h = image.Height, w = image.Width, c = image.Channels;
        var data = new float[(long)h * w * c];
        ImgToArray(image, data, dataFormat);
        return dataFormat == DataFormat.ChannelsLast ? new Tensor(data, h, w, c) : new Tensor(data, c, h, w);
    }

    /// <summary>
    /// <see cref="ImgToArray(RasterImage, DataFormat)"/> into <paramref name="destination"/>, which must hold exactly
    /// H·W·C floats (for callers that reuse one buffer per image).
    /// </summary>
    public static void ImgToArray(RasterImage image, Span<float> destination, DataFormat dataFormat = DataFormat.ChannelsLast)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (dataFormat is not (DataFormat.ChannelsLast or DataFormat.ChannelsFirst))
            throw new ArgumentException($"Unknown data_format: {dataFormat}", nameof(dataFormat));
        int h = image.Height, w = image.Width, c = image.Channels;
        long length = (long)h * w * c;
        if (destination.Length != length)
            throw new ArgumentException($"A {w}x{h} {image.Mode} image has {length} samples; the destination holds {destination.Length}.", nameof(destination));
        if (image.Mode == PixelMode.I)
        {
            ReadOnlySpan<int> ints = image.Ints;
            for (int i = 0; i < destination.Length; i++) destination[i] = ints[i];
        }
        else if (dataFormat == DataFormat.ChannelsLast || c == 1)
        {
            SampleKernels.BytesToFloats(image.Bytes, destination, SimdPaths.Current);
        }
        else
        {
            ReadOnlySpan<byte> src = image.Bytes;
            int plane = h * w;
            for (int p = 0; p < plane; p++)
                for (int k = 0; k < c; k++) destination[k * plane + p] = src[p * c + k];
        }
    }

    /// <summary>
    /// Keras's <c>array_to_img</c>: a rank-3 float image (channels_first is transposed to HWC) becomes a Pillow image.
    /// With <paramref name="scale"/>, x ← x − min(x); x ← x / max(x) when max ≠ 0; x ← x·255 (float32, per image).
    /// Values are then cast like NumPy's <c>astype</c>: fractions truncated (out-of-range values wrap).
    /// 4 channels → RGBA, 3 → RGB, 1 → I when max &gt; 255 else L; anything else is an error.
    /// </summary>
    public static RasterImage ArrayToImage(Tensor x, DataFormat dataFormat = DataFormat.ChannelsLast, bool scale = true)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 3)
            throw new ArgumentException($"Expected image array to have rank 3 (single image). Got array with shape: {Tensor.FormatShape(x.Shape)}", nameof(x));
        if (dataFormat is not (DataFormat.ChannelsLast or DataFormat.ChannelsFirst))
            throw new ArgumentException($"Invalid data_format: {dataFormat}", nameof(dataFormat));
        int h, w, c;
        float[] hwc;
        if (dataFormat == DataFormat.ChannelsFirst)
        {
            (c, h, w) = (x.Shape[0], x.Shape[1], x.Shape[2]);
            hwc = new float[x.Length];
            int plane = h * w;
            for (int k = 0; k < c; k++)
                for (int p = 0; p < plane; p++) hwc[p * c + k] = x.Data[k * plane + p];
        }
        else
        {
            (h, w, c) = (x.Shape[0], x.Shape[1], x.Shape[2]);
            hwc = scale ? (float[])x.Data.Clone() : x.Data;
        }
        if (scale && hwc.Length > 0)
        {
            float min = float.PositiveInfinity;
            foreach (float v in hwc) min = Math.Min(min, v);
            float max = float.NegativeInfinity;
            for (int i = 0; i < hwc.Length; i++) { hwc[i] -= min; max = Math.Max(max, hwc[i]); }
            for (int i = 0; i < hwc.Length; i++)
            {
                float v = hwc[i];
                if (max != 0) v /= max;
                hwc[i] = v * 255f;
            }
        }
        PixelMode mode = c switch
        {
            4 => PixelMode.RGBA,
            3 => PixelMode.RGB,
            1 => hwc.Length > 0 && Max(hwc) > 255 ? PixelMode.I : PixelMode.L,
            _ => throw new ArgumentException($"Unsupported channel number: {c}", nameof(x)),
        };
        if (mode == PixelMode.I)
        {
            var ints = new int[hwc.Length];
            for (int i = 0; i < ints.Length; i++) ints[i] = AsInt32(hwc[i]);
            return new RasterImage(w, h, ints);
        }
        var bytes = new byte[hwc.Length];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = unchecked((byte)AsInt32(hwc[i]));
        return new RasterImage(w, h, mode, bytes);
    }

    static float Max(float[] values)
    {
        float max = float.NegativeInfinity;
        foreach (float v in values) max = Math.Max(max, v);
        return max;
    }

    /// <summary>NumPy's float→int cast on x86: truncation toward zero; NaN and out-of-range give int.MinValue.</summary>
    static int AsInt32(float v) => float.IsNaN(v) || v >= 2147483648f || v < -2147483648f ? int.MinValue : (int)v;
}
