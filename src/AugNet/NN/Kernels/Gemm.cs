using System.Buffers;
using System.Runtime.CompilerServices;

namespace AugNet.NN.Kernels;

/// <summary>
/// Single-precision matrix multiply, row-major: C = op(A)·op(B), or C += op(A)·op(B) when
/// <c>accumulate</c> is set. op(A) is m×k, op(B) is k×n, C is m×n; lda/ldb/ldc are row strides of the
/// matrices as stored (before any transpose).
/// </summary>
/// <remarks>
/// The fast path is cache-blocked (MC×KC blocks of A, KC×NC blocks of B) around a register-blocked FMA micro-kernel
/// (8×32 with Vector512, 6×16 with Vector256, 6×8 with Vector128, 4×4 scalar). Whole micro-panels of A (either transpose) and of a
/// non-transposed B are read in place, which measured faster than copying them; a transposed B and partial edge
/// panels are packed into contiguous zero-padded micro-panels. Work is split over threads by tiles of C; every element
/// is summed over k in the same order (KC blocks in order, k in order inside a block, KC depending only on k)
/// whatever the split or the packing, so results are bit-identical for every thread count. Pack buffers are
/// per-thread and reused: steady-state calls allocate nothing but the thread-pool work item.
/// </remarks>
internal static unsafe class Gemm
{
    public static void Multiply(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate = false)
    {
        Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return;
        fixed (float* pa = a, pb = b, pc = c)
            MultiplyCore(SimdPaths.Current, KernelSettings.CurrentThreads, transA, transB, m, n, k, pa, lda, pb, ldb, pc, ldc, accumulate);
    }

    /// <summary>The scalar reference that the fast paths are tested against (double accumulation).</summary>
    public static void Reference(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate = false)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? c[i * ldc + j] : 0;
                for (int p = 0; p < k; p++)
                {
                    float av = transA ? a[p * lda + i] : a[i * lda + p];
                    float bv = transB ? b[j * ldb + p] : b[p * ldb + j];
                    sum += (double)av * bv;
                }
                c[i * ldc + j] = (float)sum;
            }
    }

    static void Validate(bool transA, bool transB, int m, int n, int k, int aLen, int lda, int bLen, int ldb, int cLen, int ldc)
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentException($"GEMM sizes must be non-negative: m={m}, n={n}, k={k}.");
        Check("A", transA ? k : m, transA ? m : k, aLen, lda);
        Check("B", transB ? n : k, transB ? k : n, bLen, ldb);
        Check("C", m, n, cLen, ldc);

        static void Check(string name, int rows, int cols, int length, int ld)
        {
            if (ld < cols) throw new ArgumentException($"GEMM: leading dimension of {name} ({ld}) is smaller than its {cols} stored columns.");
            if (rows > 0 && cols > 0 && (long)(rows - 1) * ld + cols > length)
                throw new ArgumentException($"GEMM: {name} needs {(long)(rows - 1) * ld + cols} elements for a {rows}×{cols} matrix with stride {ld}, but has {length}.");
        }
    }

    /// <summary>Test/benchmark switch for calls from the current thread: always pack A and B (never read them in place, never compute Cᵀ).</summary>
    [ThreadStatic] internal static bool ForcePacking;

    internal readonly record struct Blocking(int MR, int NR, int MC, int NC, int KC);

    internal static Blocking BlockingFor(SimdPath path) => path switch
    {
        SimdPath.Vector512 => new(GemmMicroKernels.MR512, GemmMicroKernels.NR512, 128, 256, 384),
        SimdPath.Vector256 => new(GemmMicroKernels.MR256, GemmMicroKernels.NR256, 120, 256, 384),
        SimdPath.Vector128 => new(GemmMicroKernels.MR128, GemmMicroKernels.NR128, 120, 256, 384),
        _ => new(GemmMicroKernels.MRScalar, GemmMicroKernels.NRScalar, 64, 128, 256),
    };

    /// <summary>KC actually used for depth k: the largest block count's even split, so a tail block is never tiny.</summary>
    internal static int DepthBlock(int k, int kcMax)
    {
        int blocks = (k + kcMax - 1) / kcMax;
        return (k + blocks - 1) / blocks;
    }

    /// <summary>Multiply-adds below which a kernel call runs on the calling thread only.</summary>
    internal const long SerialWork = 1 << 20;

    static readonly ParallelOptions?[] OptionsByThreads = new ParallelOptions?[257];

    internal static ParallelOptions Options(int threads)
    {
        threads = Math.Min(threads, OptionsByThreads.Length - 1);
        return OptionsByThreads[threads] ??= new ParallelOptions { MaxDegreeOfParallelism = threads };
    }

    /// <summary>Unchecked core on raw pointers; <paramref name="threads"/> = 1 runs on the calling thread.</summary>
    internal static void MultiplyCore(SimdPath path, int threads, bool transA, bool transB, int m, int n, int k,
        float* a, int lda, float* b, int ldb, float* c, int ldc, bool accumulate)
        => MultiplyCore(path, threads, transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate, null, null);

    /// <summary>Floats needed by <see cref="PackFullB"/> for a k×n op(B).</summary>
    internal static long PackedBSize(SimdPath path, int k, int n) => (long)RoundUp(n, BlockingFor(path).NR) * k;

    /// <summary>Floats needed by a full-depth packed A of m rows (the packedA argument of MultiplyCore).</summary>
    internal static long PackedASize(SimdPath path, int m, int k) => (long)RoundUp(m, BlockingFor(path).MR) * k;

    /// <summary>
    /// Packs all of op(B) (k×n) once, for reuse by many calls: depth block p0 starts at p0·RoundUp(n, NR) and holds
    /// its NR-column panels [kc][NR] one after another.
    /// </summary>
    internal static void PackFullB(SimdPath path, bool transB, int k, int n, float* b, int ldb, float* dst)
    {
        var bl = BlockingFor(path);
        int kcBlock = DepthBlock(k, bl.KC), nPad = RoundUp(n, bl.NR);
        for (int p0 = 0; p0 < k; p0 += kcBlock)
            GemmPacking.PackB(transB, b, ldb, p0, Math.Min(kcBlock, k - p0), 0, n, bl.NR, dst + (long)p0 * nPad);
    }

    /// <summary>
    /// Core with optional pre-packed operands: <paramref name="packedA"/> holds op(A) as MR-row panels over the full
    /// depth ([panel][k][MR], rows past m zero), <paramref name="packedB"/> is <see cref="PackFullB"/>'s layout.
    /// <paramref name="directA"/> makes the micro-kernels read every panel of A in place, the partial last one included:
    /// the caller guarantees that op(A)'s rows up to m rounded up to MR are readable memory (a row-major A: whole extra
    /// rows; a transposed A: MR − 1 floats past each stored row, which may belong to the next row). Those extra rows
    /// only feed tile rows that are discarded, so results are identical either way.
    /// </summary>
    internal static void MultiplyCore(SimdPath path, int threads, bool transA, bool transB, int m, int n, int k,
        float* a, int lda, float* b, int ldb, float* c, int ldc, bool accumulate, float* packedA, float* packedB, bool directA = false)
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate)
                for (int i = 0; i < m; i++) new Span<float>(c + (long)i * ldc, n).Clear();
            return;
        }
        if (transB && packedA == null && packedB == null && !directA && m * 4 <= n && n >= 64 && !ForcePacking)
        {
            // Few rows of C against a transposed B (e.g. a Dense layer's input gradient dy·Wᵀ): compute
            // Cᵀ = op(B)ᵀ·op(A)ᵀ instead, which reads the big B in place rather than repacking it. Each element is
            // the same chain of fused multiply-adds in the same k order (fma(a, b, c) = fma(b, a, c)), so the
            // result is bit-identical to the direct way.
            float[] rented = ArrayPool<float>.Shared.Rent(checked(n * m));
            try
            {
                fixed (float* t = rented)
                {
                    if (accumulate) Transpose(c, ldc, m, n, t, m);
                    MultiplyCore(path, threads, false, !transA, n, m, k, b, ldb, a, lda, t, m, accumulate, null, null);
                    Transpose(t, m, n, m, c, ldc);
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(rented);
            }
            return;
        }
        // Below about a million multiply-adds, handing work to other threads costs more than it saves (and allocates).
        if ((long)m * n * k < SerialWork) threads = 1;
        var bl = BlockingFor(path);
        int mc = Math.Min(bl.MC, RoundUp(m, bl.MR)), nc = Math.Min(bl.NC, RoundUp(n, bl.NR));
        int rowBlocks = CeilDiv(m, mc), colBlocks = CeilDiv(n, nc);
        if (threads > 1)
        {
            // A finer split only changes which thread computes a tile, never an element's summation order.
            int want = 3 * threads;
            while (rowBlocks * colBlocks < want)
            {
                if (nc > bl.NR) nc = RoundUp(CeilDiv(nc, 2), bl.NR);
                else if (mc > bl.MR) mc = RoundUp(CeilDiv(mc, 2), bl.MR);
                else break;
                rowBlocks = CeilDiv(m, mc); colBlocks = CeilDiv(n, nc);
            }
        }
        int tiles = rowBlocks * colBlocks;
        bool inPlaceA = packedA == null && !ForcePacking, inPlaceB = packedB == null && !transB && !ForcePacking;
        float[]? rentedB = null;
        if (packedB == null && transB && rowBlocks > 1)
            rentedB = ArrayPool<float>.Shared.Rent(checked((int)PackedBSize(path, k, n)));
        try
        {
            fixed (float* sharedB = rentedB)
            {
                if (sharedB != null)
                {
                    // A transposed B is packed once for all row blocks instead of once per tile.
                    PackFullB(path, true, k, n, b, ldb, sharedB);
                    packedB = sharedB;
                }
                var job = new TileJob(path, bl, transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate, mc, nc, colBlocks, packedA, packedB, directA, inPlaceA, inPlaceB);
                if (threads <= 1 || tiles == 1)
                {
                    for (int t = 0; t < tiles; t++) job.Run(t);
                }
                else
                {
                    Parallel.For(0, tiles, Options(threads), new ParallelTiles(job).Run);
                }
            }
        }
        finally
        {
            if (rentedB != null) ArrayPool<float>.Shared.Return(rentedB);
        }
    }

    sealed class ParallelTiles(TileJob job)
    {
        public void Run(int tile) => job.Run(tile);
    }

    /// <summary>dst (cols×rows, stride ldd) = srcᵀ where src is rows×cols with stride lds.</summary>
    static void Transpose(float* src, int lds, int rows, int cols, float* dst, int ldd)
    {
        const int T = 16;
        for (int i0 = 0; i0 < rows; i0 += T)
            for (int j0 = 0; j0 < cols; j0 += T)
            {
                int i1 = Math.Min(rows, i0 + T), j1 = Math.Min(cols, j0 + T);
                for (int i = i0; i < i1; i++)
                    for (int j = j0; j < j1; j++)
                        dst[(long)j * ldd + i] = src[(long)i * lds + j];
            }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] static int CeilDiv(int x, int y) => (x + y - 1) / y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] static int RoundUp(int x, int y) => CeilDiv(x, y) * y;

    /// <summary>One GEMM call's arguments; <see cref="Run"/> computes one tile of C. A struct, so serial calls allocate nothing.</summary>
    readonly struct TileJob(SimdPath path, Blocking bl, bool transA, bool transB, int m, int n, int k,
        float* a, int lda, float* b, int ldb, float* c, int ldc, bool accumulate, int mc, int nc, int colBlocks,
        float* packedA, float* packedB, bool directA, bool inPlaceA, bool inPlaceB)
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int tile)
        {
            int i0 = tile / colBlocks * mc, j0 = tile % colBlocks * nc;
            int mcur = Math.Min(mc, m - i0), ncur = Math.Min(nc, n - j0);
            int MR = bl.MR, NR = bl.NR;
            int kcBlock = DepthBlock(k, bl.KC);
            // Operands are read in place by the micro-kernels (no packing) for every whole panel: a row-major A by the
            // direct kernels, a transposed A with stride lda, a non-transposed B with stride ldb. Only a partial last
            // panel is packed (zero-padded), unless the caller vouched for padded rows of A (directA).
            float* ap = packedA != null || directA ? null : ScratchBuffer.Get(ScratchBuffer.PackA, (long)RoundUp(mcur, MR) * kcBlock);
            float* bp = packedB != null ? null : ScratchBuffer.Get(ScratchBuffer.PackB, (long)RoundUp(ncur, NR) * kcBlock);
            float* edge = ScratchBuffer.Get(ScratchBuffer.EdgeTile, MR * NR);
            delegate*<int, float*, nint, float*, nint, float*, int, bool, void> kernel = path switch
            {
                SimdPath.Vector512 => &GemmMicroKernels.Kernel512,
                SimdPath.Vector256 => &GemmMicroKernels.Kernel256,
                SimdPath.Vector128 => &GemmMicroKernels.Kernel128,
                _ => &GemmMicroKernels.KernelScalar,
            };
            delegate*<int, float*, int, float*, nint, float*, int, bool, void> direct = path switch
            {
                SimdPath.Vector512 => &GemmMicroKernels.Kernel512Direct,
                SimdPath.Vector256 => &GemmMicroKernels.Kernel256Direct,
                SimdPath.Vector128 => &GemmMicroKernels.Kernel128Direct,
                _ => &GemmMicroKernels.KernelScalarDirect,
            };
            int wholeRows = mcur / MR * MR, wholeCols = ncur / NR * NR;
            for (int p0 = 0; p0 < k; p0 += kcBlock)
            {
                int kc = Math.Min(kcBlock, k - p0);
                if (packedB != null) bp = packedB + (long)p0 * RoundUp(n, NR) + (long)j0 * kc;
                else if (!inPlaceB) GemmPacking.PackB(transB, b, ldb, p0, kc, j0, ncur, NR, bp);
                else if (wholeCols < ncur) GemmPacking.PackB(transB, b, ldb, p0, kc, j0 + wholeCols, ncur - wholeCols, NR, bp + (long)wholeCols * kc);
                if (packedA == null && !directA)
                {
                    if (!inPlaceA) GemmPacking.PackA(transA, a, lda, i0, mcur, p0, kc, MR, ap);
                    else if (wholeRows < mcur) GemmPacking.PackA(transA, a, lda, i0 + wholeRows, mcur - wholeRows, p0, kc, MR, ap + (long)wholeRows * kc);
                }
                bool load = accumulate || p0 > 0;
                for (int ir = 0; ir < mcur; ir += MR)
                {
                    int mr = Math.Min(MR, mcur - ir);
                    bool aInPlace = directA || (inPlaceA && ir < wholeRows);
                    bool rowMajorA = aInPlace && !transA;
                    float* apanel = packedA != null ? packedA + (long)(i0 + ir) * k + (long)p0 * MR
                        : !aInPlace ? ap + (long)ir * kc
                        : transA ? a + (long)p0 * lda + i0 + ir
                        : a + (long)(i0 + ir) * lda + p0;
                    nint astride = aInPlace && transA ? lda : MR;
                    for (int jr = 0; jr < ncur; jr += NR)
                    {
                        int nr = Math.Min(NR, ncur - jr);
                        bool bInPlace = inPlaceB && jr < wholeCols;
                        float* bpanel = bInPlace ? b + (long)p0 * ldb + j0 + jr : bp + (long)jr * kc;
                        nint bstride = bInPlace ? ldb : NR;
                        float* cc = c + (long)(i0 + ir) * ldc + j0 + jr;
                        if (mr == MR && nr == NR)
                        {
                            if (rowMajorA) direct(kc, apanel, lda, bpanel, bstride, cc, ldc, load);
                            else kernel(kc, apanel, astride, bpanel, bstride, cc, ldc, load);
                        }
                        else
                        {
                            // Edge tile: same arithmetic on a full-size copy, then write back the valid part.
                            if (load)
                                for (int i = 0; i < mr; i++)
                                    new ReadOnlySpan<float>(cc + (long)i * ldc, nr).CopyTo(new Span<float>(edge + i * NR, nr));
                            if (rowMajorA) direct(kc, apanel, lda, bpanel, bstride, edge, NR, load);
                            else kernel(kc, apanel, astride, bpanel, bstride, edge, NR, load);
                            for (int i = 0; i < mr; i++)
                                new ReadOnlySpan<float>(edge + i * NR, nr).CopyTo(new Span<float>(cc + (long)i * ldc, nr));
                        }
                    }
                }
            }
        }
    }
}
