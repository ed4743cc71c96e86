namespace AugNet.NN.Layers.Preprocessing;

/// <summary>
/// Keras <c>RandomFlip(mode="horizontal_and_vertical", seed=None)</c>: each image is flipped when a U[0, 1) float32 draw
/// is ≤ 0.5. "horizontal" reverses the columns (left-right), "vertical" the rows (top-bottom). As in Keras 3
/// (<c>random_flip.py</c>, <c>_flip_inputs</c>: both axes test the same <c>flips</c> tensor), "horizontal_and_vertical"
/// uses ONE draw per image for both axes: an image is either flipped both ways (a 180° turn) or left alone — unlike
/// Keras 2, which drew the two axes independently. A flip is a permutation: no resampling, the values are exact.
/// </summary>
public sealed class RandomFlip : RandomImageLayer
{
    public const string Horizontal = "horizontal", Vertical = "vertical", HorizontalAndVertical = "horizontal_and_vertical";
    readonly BufferSlot _out = new();
    internal override void ReleaseBuffers() => BufferSlot.Release(_out);

    public RandomFlip(string mode = HorizontalAndVertical, int? seed = null, int[]? inputShape = null, string? name = null)
        : base(seed, inputShape, name)
    {
        if (mode is not (Horizontal or Vertical or HorizontalAndVertical))
            throw new ArgumentException($"RandomFlip layer {name ?? "random_flip"} received an unknown mode argument {mode}", nameof(mode));
        Mode = mode;
    }

    public string Mode { get; }
    public override string TypeName => "RandomFlip";
    public override string NamePrefix => "random_flip";

    /// <summary>Draws the next step's flip decisions, one per image.</summary>
    public bool[] DrawFlips(int count)
    {
        var flips = new bool[count];
        for (int i = 0; i < count; i++) flips[i] = UniformFloat(0, 1) <= 0.5f;
        return flips;
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        if (!training) return input;
        var flips = DrawFlips(input.Shape[0]);
        bool h = Mode != Vertical, v = Mode != Horizontal;
        int[] shape = InputShape;
        return ForEachImage(input, _out, 1, (src, dst, k) => Apply(src, dst, shape, flips[k] && h, flips[k] && v));
    }

    /// <summary>Writes image (H, W, C) to <paramref name="destination"/>, reversing columns and/or rows.</summary>
    public static void Apply(ReadOnlySpan<float> source, Span<float> destination, ReadOnlySpan<int> shape, bool horizontal, bool vertical)
    {
        int hgt = shape[0], w = shape[1], c = shape[2], row = w * c;
        for (int i = 0; i < hgt; i++)
        {
            var srcRow = source.Slice((vertical ? hgt - 1 - i : i) * row, row);
            var dstRow = destination.Slice(i * row, row);
            if (!horizontal) { srcRow.CopyTo(dstRow); continue; }
            for (int j = 0; j < w; j++) srcRow.Slice((w - 1 - j) * c, c).CopyTo(dstRow.Slice(j * c, c));
        }
    }
}
