using AugNet.NN;
using AugNet.NN.Layers.Preprocessing;
using static AugNet.Persistence.Onnx.OnnxAttribute;

namespace AugNet.Persistence.Onnx;

/// <summary>
/// Resizing, CenterCrop and RandomCrop as their inference paths compute them (<see cref="KerasResize"/>): a window
/// taken with Slice, then an ONNX Resize to the target size. The Resize settings reproduce AugNet's arithmetic
/// (jax.image.resize without antialiasing, half-pixel centres) in ONNX Runtime:
/// <list type="bullet">
/// <item>bilinear: mode=linear, coordinate_transformation_mode=half_pixel. ONNX's s = (o + 0.5)/scale − 0.5 is JAX's
/// sample point, and clamping s to [0, in − 1] gives the same value as JAX's weights renormalised over the taps
/// inside the image. No antialias: JAX's triangle kernel is not widened when shrinking, and Resize's antialias
/// (opset 18+) defaults to 0, so the node is the same at every opset.</item>
/// <item>nearest: mode=nearest, half_pixel with nearest_mode=round_prefer_ceil: round-half-up of (o + 0.5)/scale − 0.5
/// is floor((o + 0.5)·in/out), JAX's index.</item>
/// </list>
/// The target size is given as Resize's <c>sizes</c> (the batch axis read with Shape, since it is symbolic), so ONNX
/// Runtime derives scale = out/in in float32 as AugNet does and the output size is exact.
/// </summary>
internal static class ResizeLayerOnnx
{
    /// <summary>The state after <paramref name="layer"/> (a Resizing, CenterCrop or RandomCrop) on <paramref name="x"/>.</summary>
    public static OnnxTensorState Emit(OnnxGraphBuilder graph, OnnxTensorState x, ImagePreprocessingLayer layer)
    {
        if (x.Rank != 4)
            throw new NotSupportedException($"Layer '{layer.Name}' ({layer.TypeName}) on input {ShapeText.Batch(layer.InputShape)} cannot be exported to ONNX: it needs (batch, height, width, channels).");
        int[] s = x.Shape;
        return layer switch
        {
            Resizing r => Resize(graph, Crop(graph, x, r, r.CropToAspectRatio ? KerasResize.AspectWindow(s[0], s[1], r.Height, r.Width) : Full(s)),
                r, r.Height, r.Width, Nearest(r)),
            // Keras slices when the input is large enough on both axes and smart-resizes otherwise.
            CenterCrop c when s[0] >= c.Height && s[1] >= c.Width =>
                Crop(graph, x, c, new KerasResize.Window((s[0] - c.Height) / 2, (s[1] - c.Width) / 2, c.Height, c.Width)),
            CenterCrop c => SmartResize(graph, x, c, c.Height, c.Width),
            // At inference RandomCrop always smart-resizes (see RandomCrop's remarks).
            RandomCrop rc => SmartResize(graph, x, rc, rc.Height, rc.Width),
            _ => throw new NotSupportedException($"Layer '{layer.Name}' ({layer.TypeName}) cannot be exported to ONNX."),
        };
    }

    /// <summary>
    /// Whether Resizing's interpolation is 'nearest'; anything but the two AugNet implements (the layer refuses the
    /// rest today) is refused, so a new interpolation cannot be exported silently as one of them.
    /// </summary>
    static bool Nearest(Resizing r) => r.Interpolation switch
    {
        "nearest" => true,
        "bilinear" => false,
        _ => throw new NotSupportedException($"Layer '{r.Name}' (Resizing): interpolation '{r.Interpolation}' cannot be exported to ONNX (no Resize setting reproduces it)."),
    };

    static KerasResize.Window Full(int[] hwc) => new(0, 0, hwc[0], hwc[1]);

    /// <summary>Keras's smart_resize: the centred window of the target's aspect ratio, bilinear-resized.</summary>
    static OnnxTensorState SmartResize(OnnxGraphBuilder graph, OnnxTensorState x, Layer layer, int height, int width) =>
        Resize(graph, Crop(graph, x, layer, KerasResize.AspectWindow(x.Shape[0], x.Shape[1], height, width)), layer, height, width, nearest: false);

    /// <summary>The (H, W) axes of an image tensor as ONNX holds it.</summary>
    static (long H, long W) SpatialAxes(OnnxTensorState x) => x.ChannelsFirst ? (2, 3) : (1, 2);

    static OnnxTensorState Crop(OnnxGraphBuilder graph, OnnxTensorState x, Layer layer, KerasResize.Window w)
    {
        if (w.Top == 0 && w.Left == 0 && w.Height == x.Shape[0] && w.Width == x.Shape[1]) return x;
        var (h, wAxis) = SpatialAxes(x);
        string starts = graph.AddInt64Vector($"{layer.Name}/crop_starts", [w.Top, w.Left]);
        string ends = graph.AddInt64Vector($"{layer.Name}/crop_ends", [w.Top + w.Height, w.Left + w.Width]);
        string axes = graph.AddInt64Vector($"{layer.Name}/crop_axes", [h, wAxis]);
        string y = graph.AddNode("Slice", $"{layer.Name}/Slice", [x.Name, starts, ends, axes]);
        return new OnnxTensorState(y, [w.Height, w.Width, x.Shape[2]], x.ChannelsFirst);
    }

    /// <summary>A resize to the size it already has is the identity for both interpolations (s = o exactly), so it is left out.</summary>
    static OnnxTensorState Resize(OnnxGraphBuilder graph, OnnxTensorState x, Layer layer, int height, int width, bool nearest)
    {
        if (x.Shape[0] == height && x.Shape[1] == width) return x;
        int channels = x.Shape[2];
        string shape = graph.AddNode("Shape", $"{layer.Name}/input_shape", [x.Name]);
        string batch = graph.AddNode("Slice", $"{layer.Name}/batch", [shape,
            graph.AddInt64Vector($"{layer.Name}/batch_starts", [0]), graph.AddInt64Vector($"{layer.Name}/batch_ends", [1]),
            graph.AddInt64Vector($"{layer.Name}/batch_axes", [0])]);
        string rest = graph.AddInt64Vector($"{layer.Name}/target_size", x.ChannelsFirst ? [channels, height, width] : [height, width, channels]);
        string sizes = graph.AddNode("Concat", $"{layer.Name}/sizes", [batch, rest], Int("axis", 0));
        OnnxAttribute[] attributes = nearest
            ? [String("mode", "nearest"), String("coordinate_transformation_mode", "half_pixel"), String("nearest_mode", "round_prefer_ceil")]
            : [String("mode", "linear"), String("coordinate_transformation_mode", "half_pixel")];
        // Inputs X, roi, scales, sizes: an empty name leaves an optional input out.
        string y = graph.AddNode("Resize", $"{layer.Name}/Resize", [x.Name, "", "", sizes], attributes);
        return new OnnxTensorState(y, [height, width, channels], x.ChannelsFirst);
    }
}
