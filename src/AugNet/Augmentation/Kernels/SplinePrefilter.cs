namespace AugNet.Augmentation.Kernels;

/// <summary>
/// SciPy 1.10's B-spline prefilter (<c>ndimage.spline_filter</c>, float64) as <c>affine_transform(..., prefilter=True)</c>
/// runs it for spline orders 2–5 (spec §4.2, "Order 2–5"): it turns samples into B-spline coefficients so that the
/// interpolating spline passes through the samples.
/// <para>Per line: multiply by the gain Π(1 − z)(1 − 1/z), then for each pole z a causal pass c[i] += z·c[i−1] and an
/// anticausal pass c[i] = z·(c[i+1] − c[i]), each started from a boundary-dependent first value. Lines run along axis 0
/// (rows) first, then axis 1, as SciPy does. Boundary starts in SciPy 1.10 by Keras fill mode: 'constant' and 'wrap'
/// use the whole-sample mirror start; 'reflect' the half-sample (exact reflect) start; 'nearest' first pads
/// <see cref="NearestPadding"/> samples on every side by edge replication and then filters with the reflect start.
/// Lines of one sample are left as they are.</para>
/// </summary>
internal static class SplinePrefilter
{
    /// <summary>Samples SciPy pads on each side (edge replication) before filtering in 'nearest' mode.</summary>
    public const int NearestPadding = 12;

    /// <summary>How many samples the coefficient grid extends past each edge of the image in <paramref name="mode"/>.</summary>
    public static int Padding(FillMode mode) => mode == FillMode.Nearest ? NearestPadding : 0;

    /// <summary>
    /// Filters one channel of <paramref name="src"/> into <paramref name="coefficients"/>, a row-major grid of
    /// (H + 2p) × (W + 2p) doubles with p = <see cref="Padding"/>(<paramref name="mode"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> is not 2–5 or the channel does not exist.</exception>
    /// <exception cref="ArgumentException">A buffer is too small.</exception>
    public static void FilterChannel(ReadOnlySpan<float> src, in WarpLayout layout, int channel, int order, FillMode mode,
        Span<double> coefficients)
    {
        CheckOrder(order);
        if ((uint)channel >= (uint)layout.Channels)
            throw new ArgumentOutOfRangeException(nameof(channel), channel, $"The image has {layout.Channels} channels.");
        if (src.Length < layout.Length)
            throw new ArgumentException($"The source holds {src.Length} floats; a {layout.Height}×{layout.Width}×{layout.Channels} image needs {layout.Length}.", nameof(src));
        int p = Padding(mode);
        int hp = layout.Height + 2 * p, wp = layout.Width + 2 * p;
        if (coefficients.Length < hp * wp)
            throw new ArgumentException($"The coefficient grid needs {hp}×{wp} doubles; got {coefficients.Length}.", nameof(coefficients));
        if (layout.Length == 0) return;

        int channelBase = channel * layout.ChannelStride;
        for (int r = 0; r < hp; r++)
        {
            int sr = Math.Clamp(r - p, 0, layout.Height - 1) * layout.RowStride + channelBase;
            var line = coefficients.Slice(r * wp, wp);
            for (int c = 0; c < wp; c++)
                line[c] = src[sr + Math.Clamp(c - p, 0, layout.Width - 1) * layout.ColStride];
        }
        FilterColumns(coefficients[..(hp * wp)], hp, wp, order, mode);
        for (int r = 0; r < hp; r++) FilterLine(coefficients, r * wp, wp, 1, order, mode);
    }

    /// <summary>
    /// <see cref="FilterLine"/> on every column of a row-major <paramref name="rows"/> × <paramref name="cols"/> grid at
    /// once, sweeping whole rows (contiguous memory) instead of striding down each column. Every element goes through
    /// exactly the operations of <see cref="FilterLine"/>, so the bits are the same.
    /// </summary>
    public static void FilterColumns(Span<double> grid, int rows, int cols, int order, FillMode mode)
    {
        CheckOrder(order);
        if (rows < 0 || cols < 0 || (long)rows * cols > grid.Length)
            throw new ArgumentException($"A {rows}×{cols} grid does not fit in {grid.Length} doubles.", nameof(grid));
        if (rows <= 1 || cols == 0) return;
        int n = rows;
        Span<double> poles = stackalloc double[2];
        int npoles = Poles(order, poles);
        double gain = 1.0;
        for (int k = 0; k < npoles; k++) gain *= (1.0 - poles[k]) * (1.0 - 1.0 / poles[k]);
        var all = grid[..(rows * cols)];
        for (int e = 0; e < all.Length; e++) all[e] *= gain;
        bool reflectStart = mode is FillMode.Reflect or FillMode.Nearest;
        double[]? rented = cols > 512 ? System.Buffers.ArrayPool<double>.Shared.Rent(cols) : null;
        Span<double> acc = rented != null ? rented.AsSpan(0, cols) : stackalloc double[cols];
        try
        {
            for (int k = 0; k < npoles; k++)
            {
                double z = poles[k];
                var first = all[..cols];
                var last = all.Slice((n - 1) * cols, cols);
                if (reflectStart)
                {
                    double zn = Math.Pow(z, n), zi = z;
                    for (int j = 0; j < cols; j++) acc[j] = first[j] + zn * last[j];
                    for (int i = 1; i < n; i++)
                    {
                        var ci = all.Slice(i * cols, cols);
                        var cm = all.Slice((n - 1 - i) * cols, cols);
                        for (int j = 0; j < cols; j++) acc[j] += zi * (ci[j] + zn * cm[j]);
                        zi *= z;
                    }
                    double f = z / (1.0 - zn * zn);
                    for (int j = 0; j < cols; j++) first[j] = acc[j] * f + first[j];
                }
                else
                {
                    double zn1 = Math.Pow(z, n - 1), zi = z;
                    for (int j = 0; j < cols; j++) acc[j] = first[j] + zn1 * last[j];
                    for (int i = 1; i < n - 1; i++)
                    {
                        var ci = all.Slice(i * cols, cols);
                        var cm = all.Slice((n - 1 - i) * cols, cols);
                        for (int j = 0; j < cols; j++) acc[j] += zi * (ci[j] + zn1 * cm[j]);
                        zi *= z;
                    }
                    double d = 1.0 - zn1 * zn1;
                    for (int j = 0; j < cols; j++) first[j] = acc[j] / d;
                }
                for (int i = 1; i < n; i++)
                {
                    var ci = all.Slice(i * cols, cols);
                    var cp = all.Slice((i - 1) * cols, cols);
                    for (int j = 0; j < cols; j++) ci[j] += z * cp[j];
                }
                var before = all.Slice((n - 2) * cols, cols);
                if (reflectStart)
                {
                    double f = z / (z - 1.0);
                    for (int j = 0; j < cols; j++) last[j] *= f;
                }
                else
                {
                    double d = z * z - 1.0;
                    for (int j = 0; j < cols; j++) last[j] = (z * before[j] + last[j]) * z / d;
                }
                for (int i = n - 2; i >= 0; i--)
                {
                    var ci = all.Slice(i * cols, cols);
                    var cn = all.Slice((i + 1) * cols, cols);
                    for (int j = 0; j < cols; j++) ci[j] = z * (cn[j] - ci[j]);
                }
            }
        }
        finally
        {
            if (rented != null) System.Buffers.ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Filters in place the <paramref name="count"/> samples <paramref name="data"/>[start + k·stride] (SciPy's
    /// <c>spline_filter1d</c> on one line, with <paramref name="mode"/>'s boundary start; no padding here).
    /// </summary>
    public static void FilterLine(Span<double> data, int start, int count, int stride, int order, FillMode mode)
    {
        CheckOrder(order);
        if (count <= 1) return;
        if (start < 0 || stride < 1 || start + (long)(count - 1) * stride >= data.Length)
            throw new ArgumentException($"A line of {count} samples from {start} with stride {stride} does not fit in {data.Length}.", nameof(data));
        var line = new StridedLine(data, start, stride);
        Span<double> poles = stackalloc double[2];
        int npoles = Poles(order, poles);
        double gain = 1.0;
        for (int k = 0; k < npoles; k++) gain *= (1.0 - poles[k]) * (1.0 - 1.0 / poles[k]);
        for (int i = 0; i < count; i++) line[i] *= gain;
        bool reflectStart = mode is FillMode.Reflect or FillMode.Nearest;
        for (int k = 0; k < npoles; k++)
        {
            double z = poles[k];
            if (reflectStart) CausalStartReflect(line, count, z); else CausalStartMirror(line, count, z);
            for (int i = 1; i < count; i++) line[i] += z * line[i - 1];
            if (reflectStart) line[count - 1] *= z / (z - 1.0);
            else line[count - 1] = (z * line[count - 2] + line[count - 1]) * z / (z * z - 1.0);
            for (int i = count - 2; i >= 0; i--) line[i] = z * (line[i + 1] - line[i]);
        }
    }

    /// <summary>The poles of the order-k B-spline filter (SciPy's constants); returns how many (order / 2).</summary>
    static int Poles(int order, Span<double> poles)
    {
        switch (order)
        {
            case 2: poles[0] = -0.171572875253809902396622551580603843; return 1; // √8 − 3
            case 3: poles[0] = -0.267949192431122706472553658494127633; return 1; // √3 − 2
            case 4:
                poles[0] = -0.361341225900220177092212841325675255;
                poles[1] = -0.013725429297339121360331226939128204;
                return 2;
            default:
                poles[0] = -0.430575347099973791851434783493520110;
                poles[1] = -0.043096288203264653822712376822550182;
                return 2;
        }
    }

    /// <summary>First causal value for a whole-sample symmetric extension (… c b | a b c … | … b a …).</summary>
    static void CausalStartMirror(StridedLine c, int n, double z)
    {
        double zn1 = Math.Pow(z, n - 1), zi = z;
        double acc = c[0] + zn1 * c[n - 1];
        for (int i = 1; i < n - 1; i++)
        {
            acc += zi * (c[i] + zn1 * c[n - 1 - i]);
            zi *= z;
        }
        c[0] = acc / (1.0 - zn1 * zn1);
    }

    /// <summary>First causal value for a half-sample symmetric extension (… b a | a b … | … b a).</summary>
    static void CausalStartReflect(StridedLine c, int n, double z)
    {
        double zn = Math.Pow(z, n), zi = z, c0 = c[0];
        double acc = c[0] + zn * c[n - 1];
        for (int i = 1; i < n; i++)
        {
            acc += zi * (c[i] + zn * c[n - 1 - i]);
            zi *= z;
        }
        c[0] = acc * (z / (1.0 - zn * zn)) + c0;
    }

    static void CheckOrder(int order)
    {
        if (order is < 2 or > 5) throw new ArgumentOutOfRangeException(nameof(order), order, "The spline prefilter exists for orders 2–5.");
    }

    /// <summary>A view of every <c>stride</c>-th double of a span, so rows and columns share one filter.</summary>
    readonly ref struct StridedLine(Span<double> data, int start, int stride)
    {
        readonly Span<double> _data = data;
        readonly int _start = start, _stride = stride;

        public ref double this[int i] => ref _data[_start + i * _stride];
    }
}
