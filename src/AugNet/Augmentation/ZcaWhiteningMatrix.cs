using MathNet.Numerics.LinearAlgebra;

namespace AugNet.Augmentation;

/// <summary>
/// Keras's ZCA whitening W = U·diag(√n / (s + ε))·Uᵀ (spec §6.2 step 8), from the thin SVD Xᵀ = U·diag(s)·Vᵀ of the
/// centred, flattened fit data X (n × D). Kept in low-rank form — the k × D components and k scales — so that large
/// images never need Keras's D × D matrix (90 GB for 224×224×3); applying it costs 2·D·k per sample as
/// ((x·U)·diag)·Uᵀ. When k is close to D the dense matrix is cheaper and is built once instead.
/// <see cref="ToDenseMatrix"/> gives Keras's <c>zca_whitening_matrix</c> on demand.
/// <para>
/// The SVD is taken through the eigen-decomposition of the smaller Gram matrix, in double: X·Xᵀ (n × n) when n ≤ D,
/// giving U = Xᵀ·V·diag(1/s), or Xᵀ·X (D × D) when n &gt; D, giving U directly. Keras's SVD runs in float32. When
/// n ≤ D, directions with a (numerically) zero singular value are dropped: their U columns are arbitrary (LAPACK
/// picks any unit vector orthogonal to the data), so Keras's √n/ε weight on them is not reproducible; dropping them
/// zeroes those directions like all others outside the data's span.
/// </para>
/// </summary>
public sealed class ZcaWhiteningMatrix
{
    /// <summary>Relative size below which a singular value counts as zero when n ≤ D.</summary>
    const double NegligibleSingularValue = 1e-6;

    readonly float[] _components; // k × D, row i = u_i
    readonly double[] _scales;    // √n / (s_i + ε)
    readonly float[]? _dense;     // D × D when k ≥ D / 2

    /// <summary>D: the number of features (the product of an image's three dimensions).</summary>
    public int Dimension { get; }

    /// <summary>k: the number of kept components.</summary>
    public int Rank => _scales.Length;

    /// <summary>The singular values s of Xᵀ for the kept components, largest first.</summary>
    public IReadOnlyList<double> SingularValues { get; }

    /// <summary>The per-component factors √n / (s + ε).</summary>
    public IReadOnlyList<double> Scales => _scales;

    /// <summary>True when W is applied as a dense D × D matrix (k ≥ D/2), false when in low-rank form.</summary>
    public bool IsDense => _dense is not null;

    ZcaWhiteningMatrix(int dimension, float[] components, double[] singularValues, double[] scales)
    {
        Dimension = dimension;
        _components = components;
        SingularValues = singularValues;
        _scales = scales;
        if (2L * scales.Length >= dimension) _dense = BuildDense();
    }

    /// <summary>Fits W to <paramref name="x"/>: n rows of D centred features (row-major), as Keras's fit does.</summary>
    public static ZcaWhiteningMatrix Fit(ReadOnlySpan<float> x, int n, int dimension, double epsilon)
    {
        if (n <= 0 || dimension <= 0 || (long)n * dimension != x.Length)
            throw new ArgumentException($"ZCA needs n × D = {n} × {dimension} values, got {x.Length}.");
        var rows = x.ToArray();
        double[] s;
        float[] components;
        if (n <= dimension)
        {
            var gram = Gram(rows, n, dimension);
            var evd = gram.Evd(Symmetricity.Symmetric);
            var order = Enumerable.Range(0, n).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
            double sMax = Math.Sqrt(Math.Max(evd.EigenValues[order[0]].Real, 0));
            var kept = order.Where(i => Math.Sqrt(Math.Max(evd.EigenValues[i].Real, 0)) > sMax * NegligibleSingularValue).ToArray();
            s = kept.Select(i => Math.Sqrt(evd.EigenValues[i].Real)).ToArray();
            components = new float[kept.Length * dimension];
            var eigenVectors = evd.EigenVectors;
            var sv = s;
            var path = SimdPaths.Current; // resolved here: the workers would not see a thread's forced path
            Parallel.For(0, kept.Length, () => new double[dimension], (c, _, acc) =>
            {
                Array.Clear(acc);
                for (int j = 0; j < n; j++)
                    StandardizationKernels.AddScaledWidened(rows.AsSpan(j * dimension, dimension), eigenVectors[j, kept[c]] / sv[c], acc, path);
                for (int d = 0; d < dimension; d++) components[c * dimension + d] = (float)acc[d];
                return acc;
            }, _ => { });
        }
        else
        {
            var columns = new float[dimension * n];
            for (int j = 0; j < n; j++)
                for (int d = 0; d < dimension; d++) columns[d * n + j] = rows[j * dimension + d];
            var gram = Gram(columns, dimension, n);
            var evd = gram.Evd(Symmetricity.Symmetric);
            var order = Enumerable.Range(0, dimension).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
            s = order.Select(i => Math.Sqrt(Math.Max(evd.EigenValues[i].Real, 0))).ToArray();
            components = new float[dimension * dimension];
            for (int c = 0; c < dimension; c++)
                for (int d = 0; d < dimension; d++) components[c * dimension + d] = (float)evd.EigenVectors[d, order[c]];
        }
        double sqrtN = Math.Sqrt(n);
        var scales = s.Select(v => sqrtN / (v + epsilon)).ToArray();
        return new ZcaWhiteningMatrix(dimension, components, s, scales);
    }

    /// <summary>G = M·Mᵀ for M (r × c, row-major), in double, rows in parallel.</summary>
    static Matrix<double> Gram(float[] m, int r, int c)
    {
        var g = new double[r, r];
        var path = SimdPaths.Current; // resolved here: the workers would not see a thread's forced path
        Parallel.For(0, r, i =>
        {
            var a = m.AsSpan(i * c, c);
            for (int j = 0; j <= i; j++)
            {
                double v = StandardizationKernels.DotWidened(a, m.AsSpan(j * c, c), path);
                g[i, j] = v;
                g[j, i] = v;
            }
        });
        return Matrix<double>.Build.DenseOfArray(g);
    }

    float[] BuildDense()
    {
        int dim = Dimension;
        var dense = new float[(long)dim * dim];
        var path = SimdPaths.Current; // resolved here: the workers would not see a thread's forced path
        Parallel.For(0, dim, row =>
        {
            var acc = new double[dim];
            for (int c = 0; c < Rank; c++)
                StandardizationKernels.AddScaledWidened(_components.AsSpan(c * dim, dim), _scales[c] * _components[c * dim + row], acc, path);
            for (int d = 0; d < dim; d++) dense[(long)row * dim + d] = (float)acc[d];
        });
        return dense;
    }

    /// <summary>Keras's D × D <c>zca_whitening_matrix</c> (row-major). Refused when D² does not fit in one array.</summary>
    public float[] ToDenseMatrix()
    {
        if ((long)Dimension * Dimension > Array.MaxLength)
            throw new InvalidOperationException($"The dense ZCA matrix would have {Dimension}² entries, more than one array can hold; use the low-rank form.");
        return _dense is not null ? (float[])_dense.Clone() : BuildDense();
    }

    /// <summary>The kept components Uᵀ as a k × D row-major array (row i = u_i).</summary>
    public float[] ComponentsCopy() => (float[])_components.Clone();

    /// <summary>Whitens each D-long row of <paramref name="rows"/> in place: row ← row·W. <paramref name="scratch"/> needs D doubles.</summary>
    internal void ApplyInPlace(Span<float> rows, Span<double> scratch, Span<float> rowCopy)
    {
        int dim = Dimension;
        if (rows.Length % dim != 0) throw new ArgumentException($"Data of {rows.Length} values is not a whole number of {dim}-feature rows (the ZCA was fit on images of {dim} values).");
        for (int start = 0; start < rows.Length; start += dim)
        {
            var row = rows.Slice(start, dim);
            row.CopyTo(rowCopy);
            if (_dense is not null)
            {
                for (int d = 0; d < dim; d++) row[d] = (float)StandardizationKernels.DotWidened(rowCopy, _dense.AsSpan(d * dim, dim));
            }
            else
            {
                scratch.Clear();
                for (int c = 0; c < Rank; c++)
                {
                    var u = _components.AsSpan(c * dim, dim);
                    double p = StandardizationKernels.DotWidened(rowCopy, u) * _scales[c];
                    StandardizationKernels.AddScaledWidened(u, p, scratch);
                }
                for (int d = 0; d < dim; d++) row[d] = (float)scratch[d];
            }
        }
    }
}
