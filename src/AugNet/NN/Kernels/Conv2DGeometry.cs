namespace AugNet.NN.Kernels;

/// <summary>Keras padding modes for convolution and pooling.</summary>
public enum Padding { Valid, Same }

/// <summary>
/// Shapes of one 2-D convolution in NHWC layout with a Keras kernel (KH, KW, Cin, Cout). 'same' padding follows
/// TensorFlow: output = ceil(in / stride), and an odd total padding puts the extra row/column at the bottom/right.
/// </summary>
internal readonly record struct Conv2DGeometry(
    int N, int H, int W, int Cin, int KH, int KW, int Cout, int StrideH, int StrideW, int PadTop, int PadLeft, int OH, int OW)
{
    public static Conv2DGeometry Create(int n, int h, int w, int cin, int kh, int kw, int cout, int strideH, int strideW, Padding padding)
    {
        if (n < 0 || h <= 0 || w <= 0 || cin <= 0 || kh <= 0 || kw <= 0 || cout <= 0 || strideH <= 0 || strideW <= 0)
            throw new ArgumentException($"Invalid convolution geometry: input ({n}, {h}, {w}, {cin}), kernel ({kh}, {kw}, {cin}, {cout}), strides ({strideH}, {strideW}).");
        int oh, ow, pt = 0, pl = 0;
        if (padding == Padding.Valid)
        {
            if (h < kh || w < kw)
                throw new ArgumentException($"Kernel ({kh}, {kw}) is larger than the input ({h}, {w}) with 'valid' padding.");
            oh = (h - kh) / strideH + 1;
            ow = (w - kw) / strideW + 1;
        }
        else
        {
            oh = (h + strideH - 1) / strideH;
            ow = (w + strideW - 1) / strideW;
            pt = Math.Max((oh - 1) * strideH + kh - h, 0) / 2;
            pl = Math.Max((ow - 1) * strideW + kw - w, 0) / 2;
        }
        return new Conv2DGeometry(n, h, w, cin, kh, kw, cout, strideH, strideW, pt, pl, oh, ow);
    }

    public int InputSize => N * H * W * Cin;
    public int OutputSize => N * OH * OW * Cout;
    public int KernelSize => KH * KW * Cin * Cout;
    /// <summary>Multiply-adds of one forward pass.</summary>
    public long Macs => (long)N * OH * OW * Cout * KH * KW * Cin;
}
