using AugNet.NN;
using System.Diagnostics;
using AugNet.NN.Kernels;

namespace AugNet.Bench;

/// <summary>Kernel-level throughput: GEMM at the model's shapes and each conv layer of the book model, in GFLOP/s vs peak.</summary>
public static class KernelBench
{
    /// <summary>
    /// Peak single-precision GFLOP/s as the project defines it: cores × GHz × 2 FMA pipes × 16 lanes × 2 flops, with
    /// the clock from /proc/cpuinfo "cpu MHz" (the nominal clock; this EPYC boosts higher under load). Zen 4 executes a
    /// 512-bit FMA as two 256-bit halves, so its true ceiling is cores × boost GHz × 32 flops: at a ~3.5 GHz boost
    /// that is about two thirds of this figure.
    /// </summary>
    public static (double Gflops, string Assumption) Peak(int cores)
    {
        double mhz = 0;
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
                if (line.StartsWith("cpu MHz", StringComparison.Ordinal)) { mhz = double.Parse(line[(line.IndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture); break; }
        }
        catch (IOException) { }
        if (mhz <= 0) mhz = 2000;
        double peak = cores * mhz / 1000 * 2 * 16 * 2;
        return (peak, $"{cores} cores × {mhz / 1000:F2} GHz (cpu MHz) × 2 FMA × 16 lanes × 2 flops = {peak:F0} GFLOP/s (Zen 4 runs 512-bit FMAs as two 256-bit halves; boost clocks are above cpu MHz)");
    }

    /// <summary>With one thread, time on the CPU of this thread (immune to the machine being shared) instead of wall time.</summary>
    public static bool UseThreadCpuTime;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    static extern int ClockGetTime(int clock, out TimeSpec time);

    struct TimeSpec { public long Seconds, Nanoseconds; }

    static double ThreadCpuSeconds()
    {
        const int CLOCK_THREAD_CPUTIME_ID = 3;
        ClockGetTime(CLOCK_THREAD_CPUTIME_ID, out var t);
        return t.Seconds + t.Nanoseconds * 1e-9;
    }

    public static double Time(Action action, int reps)
    {
        action();
        var times = new double[reps];
        for (int r = 0; r < reps; r++)
        {
            if (UseThreadCpuTime)
            {
                double c0 = ThreadCpuSeconds();
                action();
                times[r] = ThreadCpuSeconds() - c0;
                continue;
            }
            long t0 = Stopwatch.GetTimestamp();
            action();
            times[r] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }
        Array.Sort(times);
        return times[0]; // the minimum: the machine is shared, and noise only ever adds time
    }

    public static void Run(int threads, int reps)
    {
        KernelSettings.MaxDegreeOfParallelism = threads;
        if (UseThreadCpuTime && threads != 1) throw new ArgumentException("--cpu-time needs --threads 1.");
        var (peak, assumption) = Peak(threads);
        Console.WriteLine($"kernels: path {SimdPaths.Current}, {threads} threads; peak {assumption}");
        foreach (var (name, ta, tb, m, n, k) in new[]
        {
            ("square 512", false, false, 512, 512, 512),
            ("conv1 fwd per image", false, false, 21904, 32, 27),
            ("conv2 fwd per image", false, false, 5184, 64, 288),
            ("conv3 fwd per image", false, false, 1156, 128, 576),
            ("conv4 fwd per image", false, false, 225, 128, 1152),
            ("conv2 dW per image (TN)", true, false, 288, 64, 5184),
            ("conv3 dX per image (NT)", false, true, 1156, 576, 128),
            ("dense fwd 6272->512", false, false, 32, 512, 6272),
            ("dense dW (TN)", true, false, 6272, 512, 32),
            ("dense dX (NT)", false, true, 32, 6272, 512),
        })
        {
            var a = Fill(m * k); var b = Fill(k * n); var c = new float[m * n];
            Gemm.ForcePacking = true;
            double sPacked = Time(() => Gemm.Multiply(ta, tb, m, n, k, a, ta ? m : k, b, tb ? k : n, c, n), reps);
            Gemm.ForcePacking = false;
            double s = Time(() => Gemm.Multiply(ta, tb, m, n, k, a, ta ? m : k, b, tb ? k : n, c, n), reps);
            double gf = 2.0 * m * n * k / s / 1e9;
            Console.WriteLine($"  gemm {name,-26} {m}x{n}x{k}: {gf,7:F1} GFLOP/s ({gf / peak * 100:F0}% of peak); packing A and B: {2.0 * m * n * k / sPacked / 1e9:F1}");
        }
        double totalFlops = 0, totalSeconds = 0;
        foreach (var (h, cin, cout) in new[] { (150, 3, 32), (74, 32, 64), (36, 64, 128), (17, 128, 128) })
        {
            var g = Conv2DGeometry.Create(32, h, h, cin, 3, 3, cout, 1, 1, Padding.Valid);
            var x = Fill(g.InputSize); var w = Fill(g.KernelSize); var y = new float[g.OutputSize]; var dx = new float[g.InputSize]; var dw = new float[g.KernelSize];
            double flops = 2.0 * g.Macs;
            Conv2DKernels.ForcePackedForward = true;
            double fPacked = Time(() => Conv2DKernels.Forward(g, x, w, y), reps);
            Conv2DKernels.ForcePackedForward = false;
            double f = Time(() => Conv2DKernels.Forward(g, x, w, y), reps);
            var bias = Fill(cout);
            double fused = Time(() => Conv2DKernels.Forward(g, x, w, bias, ActivationFunction.Relu, y), reps);
            double separate = Time(() => { Conv2DKernels.Forward(g, x, w, y); BiasActivation.Forward(y, bias, cout, ActivationFunction.Relu); }, reps);
            Console.WriteLine($"    forward + bias + relu: fused {fused * 1e3:F1} ms, separate pass {separate * 1e3:F1} ms");
            Console.WriteLine($"    forward with im2col into packed panels instead: {flops / fPacked / 1e9:F1} GFLOP/s");
            double d = Time(() => Conv2DKernels.BackwardData(g, y, w, dx), reps);
            Conv2DKernels.ForcePackedForward = true;
            double fwPacked = Time(() => Conv2DKernels.BackwardFilter(g, x, y, dw), reps);
            Conv2DKernels.ForcePackedForward = false;
            double fw = Time(() => Conv2DKernels.BackwardFilter(g, x, y, dw), reps);
            Console.WriteLine($"    filter gradient with im2col into packed panels instead: {flops / fwPacked / 1e9:F1} GFLOP/s");
            totalFlops += (cin == 3 ? 2 : 3) * flops; totalSeconds += f + fw + (cin == 3 ? 0 : d);
            Console.WriteLine($"  conv {h}x{h}x{cin}->{cout} batch 32: fwd {flops / f / 1e9,6:F1}  bwd-data {flops / d / 1e9,6:F1}  bwd-filter {flops / fw / 1e9,6:F1} GFLOP/s ({f * 1e3:F0}/{d * 1e3:F0}/{fw * 1e3:F0} ms)");
        }
        foreach (var (h, c) in new[] { (148, 32), (72, 64), (34, 128) })
        {
            var g = Conv2DGeometry.Create(32, h, h, c, 2, 2, c, 2, 2, Padding.Valid);
            var x = Fill(g.InputSize); var y = new float[g.OutputSize]; var arg = new int[g.OutputSize]; var dx = new float[g.InputSize];
            double f = Time(() => Pool2DKernels.MaxForward(g, x, y, arg), reps);
            double fi = Time(() => Pool2DKernels.MaxForward(g, x, y, default), reps);
            double b = Time(() => Pool2DKernels.MaxBackward(g, y, arg, dx), reps);
            Console.WriteLine($"  maxpool {h}x{h}x{c} batch 32: forward {f * 1e3:F1} ms (no argmax {fi * 1e3:F1} ms), backward {b * 1e3:F1} ms; {g.InputSize * 4.0 / f / 1e9:F1} GB/s read");
        }
        Console.WriteLine($"  conv layers fwd+bwd (no dx for layer 1): {totalFlops / totalSeconds / 1e9:F1} GFLOP/s = {totalFlops / totalSeconds / 1e9 / peak * 100:F0}% of peak, {totalSeconds * 1e3:F0} ms per batch");
    }

    static float[] Fill(int n)
    {
        var rng = new Random(1);
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float)rng.NextDouble() - 0.5f;
        return a;
    }
}
