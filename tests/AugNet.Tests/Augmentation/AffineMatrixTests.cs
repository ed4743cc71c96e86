using AugNet.Augmentation;

namespace AugNet.Tests.Augmentation;

/// <summary>
/// <see cref="AffineMatrix"/> works on stack values; it must give the same bits as Keras's array arithmetic, which this
/// test spells out independently (factor matrices, full 3×3 products summed left to right, ((offset·M)·reset)).
/// </summary>
public class AffineMatrixTests
{
    [Fact]
    public void ForImageEqualsTheArrayFormBitForBit()
    {
        var rng = new Random(77);
        for (int trial = 0; trial < 2000; trial++)
        {
            var p = new TransformParams
            {
                Theta = trial % 5 == 0 ? 0 : rng.NextDouble() * 80 - 40,
                Tx = trial % 7 == 0 ? 0 : (rng.NextDouble() - 0.5) * 60,
                Ty = trial % 3 == 0 ? 0 : (rng.NextDouble() - 0.5) * 60,
                Shear = trial % 4 == 0 ? 0 : rng.NextDouble() * 40 - 20,
                Zx = trial % 6 == 0 ? 1 : 0.8 + rng.NextDouble() * 0.4,
                Zy = trial % 6 == 0 ? 1 : 0.8 + rng.NextDouble() * 0.4,
            };
            int h = rng.Next(1, 300), w = rng.Next(1, 300);
            var built = KerasBuild(p);
            var pull = AffineMatrix.ForImage(p, h, w);
            if (built is null)
            {
                Assert.Null(pull);
                Assert.Null(AffineMatrix.Build(p));
                continue;
            }
            AssertSameBits(built, AffineMatrix.Build(p)!, $"trial {trial} Build");
            double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
            var a = Mul(Mul(new double[,] { { 1, 0, cx }, { 0, 1, cy }, { 0, 0, 1 } }, built), new double[,] { { 1, 0, -cx }, { 0, 1, -cy }, { 0, 0, 1 } });
            AssertSameBits(a, AffineMatrix.CenterOn(built, h, w), $"trial {trial} CenterOn");
            var m = Assert.NotNull(pull);
            double[] expected = [a[1, 1], a[1, 0], a[1, 2], a[0, 1], a[0, 0], a[0, 2]];
            double[] actual = [m.RowFromRow, m.RowFromCol, m.RowOffset, m.ColFromRow, m.ColFromCol, m.ColOffset];
            for (int k = 0; k < 6; k++)
                Assert.True(BitConverter.DoubleToInt64Bits(expected[k]) == BitConverter.DoubleToInt64Bits(actual[k]),
                    $"trial {trial}: coefficient {k} is {actual[k]:R}, array form {expected[k]:R}");
        }
    }

    static double[,]? KerasBuild(TransformParams p)
    {
        double[,]? m = null;
        void Chain(double[,] f) => m = m is null ? f : Mul(m, f);
        if (p.Theta != 0)
        {
            double t = Math.PI / 180 * p.Theta;
            Chain(new double[,] { { Math.Cos(t), -Math.Sin(t), 0 }, { Math.Sin(t), Math.Cos(t), 0 }, { 0, 0, 1 } });
        }
        if (p.Tx != 0 || p.Ty != 0) Chain(new double[,] { { 1, 0, p.Tx }, { 0, 1, p.Ty }, { 0, 0, 1 } });
        if (p.Shear != 0)
        {
            double s = Math.PI / 180 * p.Shear;
            Chain(new double[,] { { 1, -Math.Sin(s), 0 }, { 0, Math.Cos(s), 0 }, { 0, 0, 1 } });
        }
        if (p.Zx != 1 || p.Zy != 1) Chain(new double[,] { { p.Zx, 0, 0 }, { 0, p.Zy, 0 }, { 0, 0, 1 } });
        return m;
    }

    static double[,] Mul(double[,] a, double[,] b)
    {
        var r = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                r[i, j] = a[i, 0] * b[0, j] + a[i, 1] * b[1, j] + a[i, 2] * b[2, j];
        return r;
    }

    static void AssertSameBits(double[,] expected, double[,] actual, string what)
    {
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                Assert.True(BitConverter.DoubleToInt64Bits(expected[i, j]) == BitConverter.DoubleToInt64Bits(actual[i, j]),
                    $"{what}: entry ({i},{j}) is {actual[i, j]:R}, expected {expected[i, j]:R}");
    }

    [Fact]
    public void CenterOnRejectsAMatrixThatIsNot3x3()
    {
        var e = Assert.Throws<ArgumentException>(() => AffineMatrix.CenterOn(new double[2, 3], 4, 4));
        Assert.Contains("3×3", e.Message);
    }
}
