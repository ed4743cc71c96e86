using System.Runtime.ExceptionServices;

namespace AugNet.Data;

/// <summary>
/// Keras's <c>Iterator</c> base class (spec §7): batches of <see cref="BatchSize"/> over <see cref="Samples"/>
/// samples, an endless <see cref="Next"/> that reshuffles at the start of every pass, random access by batch index
/// (<see cref="GetBatch"/>), <see cref="OnEpochEnd"/> and <see cref="Reset"/>.
/// <para>
/// Randomness: with a seed, batch number k (counting every batch ever produced, <see cref="TotalBatchesSeen"/>)
/// re-seeds this iterator's own NumPy-compatible generator with seed + k, draws the pass permutation when a pass
/// starts, then each sample's transform in batch order, then the save_to_dir hashes — exactly Keras's global-RNG
/// sequence, so a seeded run reproduces Keras batch for batch. Without a seed the iterator picks a random base
/// seed and proceeds the same way (Keras's unseeded output is not reproducible anyway).
/// </para>
/// <para>
/// Speed: the random draws of a batch are made sequentially (cheap); the pixel work is then done in parallel across
/// the batch's images (<see cref="PipelineOptions.Workers"/>), and up to <see cref="PipelineOptions.PrefetchDepth"/>
/// following batches are built in the background, one batch at a time, so Workers bounds the threads. The output does not depend on either setting. Speculative
/// batches are discarded when <see cref="Reset"/>, <see cref="OnEpochEnd"/>, <see cref="SetState"/> or an unexpected
/// request changes the plan, and <see cref="Dispose"/> stops and waits for all background work.
/// </para>
/// </summary>
public abstract class BatchIterator : IResumableSequence, IDisposable
{
    enum Kind { Next, Index }

    /// <summary>Consumer-visible iterator state; immutable so speculative plans can be checked by reference.</summary>
    sealed record State(int BatchIndex, long Total, int[]? IndexArray, NumpyRandom Rng);

    sealed class Pending(Kind kind, int index, State pre, State post, BatchRecipe recipe)
    {
        public Kind Kind { get; } = kind;
        public int Index { get; } = index;
        public State Pre { get; } = pre;
        public State Post { get; } = post;
        public BatchRecipe Recipe { get; } = recipe;
        public CancellationTokenSource Cancel { get; } = new();
        public Task<Batch>? Task { get; set; }
    }

    readonly object _sync = new();
    uint _baseSeed;
    readonly LinkedList<Pending> _ahead = new();
    State _state;
    int _running;
    Task _tail = Task.CompletedTask;
    bool _disposed;

    /// <param name="samples">n, the number of samples.</param>
    /// <param name="batchSize">Samples per batch (0 is accepted only for an empty iterator, as Keras's test does).</param>
    /// <param name="shuffle">Draw a new permutation at the start of every pass.</param>
    /// <param name="seed">Keras's seed: re-seed with seed + batches seen before each batch; must stay below 2^32.</param>
    /// <param name="pipeline">Threads, prefetch depth, logging (null = defaults).</param>
    protected BatchIterator(int samples, int batchSize, bool shuffle, long? seed, PipelineOptions? pipeline)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        if (batchSize < 0 || (batchSize == 0 && samples > 0))
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch_size must be at least 1.");
        if (seed is < 0 or > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(seed), seed, "Seed must be between 0 and 2**32 - 1");
        Pipeline = pipeline ?? PipelineOptions.Default;
        Pipeline.Validate();
        Samples = samples;
        BatchSize = batchSize;
        Shuffle = shuffle;
        Seed = seed;
        _baseSeed = new NumpyRandom().NextUInt32();
        _state = new State(0, 0, null, new NumpyRandom(seed is { } s ? (uint)s : _baseSeed));
    }

    /// <summary>n: samples per pass.</summary>
    public int Samples { get; }

    /// <summary>Samples per batch; the last batch of a pass may be shorter.</summary>
    public int BatchSize { get; }

    /// <summary>Whether every pass uses a new permutation.</summary>
    public bool Shuffle { get; }

    /// <summary>Keras's seed, or null.</summary>
    public long? Seed { get; }

    /// <summary>How the work is done (threads, prefetch, log).</summary>
    public PipelineOptions Pipeline { get; }

    /// <summary>Position within the current pass of <see cref="Next"/> (0 = a new pass starts with the next batch).</summary>
    public int BatchIndex { get { lock (_sync) return _state.BatchIndex; } }

    /// <summary>Batches produced so far by <see cref="Next"/> and <see cref="GetBatch"/> together; never reset.</summary>
    public long TotalBatchesSeen { get { lock (_sync) return _state.Total; } }

    /// <summary>The current pass's sample order (null before the first batch).</summary>
    public IReadOnlyList<int>? IndexArray { get { lock (_sync) return _state.IndexArray is { } a ? (int[])a.Clone() : null; } }

    /// <summary>Batches per pass: ceil(n / batch_size).</summary>
    public int Count => BatchSize == 0 ? 0 : (int)(((long)Samples + BatchSize - 1) / BatchSize);

    /// <summary>Background batch builds still running (0 after <see cref="Dispose"/>); for tests and diagnostics.</summary>
    public int RunningBuilds => Volatile.Read(ref _running);

    /// <summary>Keras's <c>next()</c>: the next batch of the endless sequence of passes.</summary>
    public Batch Next() => Request(Kind.Next, -1);

    /// <summary>
    /// Keras's <c>__getitem__</c>: batch <paramref name="index"/> of the current index array. Like Keras it re-seeds
    /// with seed + <see cref="TotalBatchesSeen"/> and counts as a batch seen; the permutation changes only through
    /// <see cref="OnEpochEnd"/> (or when a <see cref="Next"/> pass starts).
    /// </summary>
    public Batch GetBatch(int index)
    {
        if (index >= Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Asked to retrieve element {index}, but the Sequence has length {Count}");
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Request(Kind.Index, index);
    }

    /// <summary>Keras's <c>on_epoch_end</c>: a new index array (a new permutation when shuffling).</summary>
    public void OnEpochEnd()
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            CancelAhead();
            _state = _state with { IndexArray = MakeIndexArray(_state.Rng) };
        }
    }

    /// <summary>Keras's <c>reset</c>: the next <see cref="Next"/> starts a new pass; <see cref="TotalBatchesSeen"/> keeps counting.</summary>
    public void Reset()
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            CancelAhead();
            _state = _state with { BatchIndex = 0 };
        }
    }

    /// <summary>
    /// The consumer-visible state (batches seen, position in the pass, the pass's order, the generator that draws the
    /// next order, the base seed): everything the next batches depend on, since each batch is re-seeded from it.
    /// </summary>
    public SequenceState GetState()
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return new SequenceState(GetType().Name, _state.Total, _state.BatchIndex, (int[]?)_state.IndexArray?.Clone(),
                _state.Rng.GetState(), Seed ?? _baseSeed);
        }
    }

    /// <summary>
    /// Continues from a state recorded by <see cref="GetState"/> on an iterator of the same type, samples and seed (an
    /// unseeded iterator adopts the recorded base seed). Background batches planned from the old position are cancelled,
    /// so the next request plans from the restored one.
    /// </summary>
    public void SetState(SequenceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.CheckFits(this, Samples);
        if (Seed is { } seed && seed != state.Seed)
            throw new ArgumentException($"The state was recorded by an iterator with seed {state.Seed}; this one has seed {seed}.", nameof(state));
        if (state.BatchesSeen < 0 || state.PassPosition < 0 || (Count > 0 && state.PassPosition >= Count))
            throw new ArgumentException($"The state's position (batch {state.PassPosition} of {Count}, {state.BatchesSeen} seen) is out of range.", nameof(state));
        if (state.Seed is < 0 or > uint.MaxValue) throw new ArgumentException($"The state's seed {state.Seed} is out of range.", nameof(state));
        var rng = new NumpyRandom(0u);
        rng.SetState(state.Random);
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            CancelAhead();
            if (Seed is null) _baseSeed = (uint)state.Seed;
            _state = new State(state.PassPosition, state.BatchesSeen, (int[]?)state.Order?.Clone(), rng);
        }
    }

    /// <summary>How long <see cref="Dispose"/> waits for background builds before leaving them to finish on their own.</summary>
    internal static readonly TimeSpan DisposeWait = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Stops background work and waits for it, at most <see cref="DisposeWait"/>: a build stuck in I/O (a file on a
    /// hung network share) is cancelled and left to end by itself. The iterator cannot be used afterwards.
    /// </summary>
    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed) return;
            CancelAhead(DisposeWait);
            _disposed = true;
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Draws everything random about the batch of <paramref name="indices"/> from <paramref name="rng"/>, in Keras's
    /// order: each sample's transform in batch order, then the save_to_dir hashes.
    /// </summary>
    protected abstract BatchRecipe Prepare(long ordinal, int[] indices, NumpyRandom rng);

    /// <summary>Builds the batch of a recipe; deterministic, may run on any thread, should honour <paramref name="cancel"/>.</summary>
    protected abstract Batch Build(BatchRecipe recipe, CancellationToken cancel);

    Batch Request(Kind kind, int index)
    {
        Pending? taken = null;
        BatchRecipe? recipe = null;
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var head = _ahead.First?.Value;
            if (head != null && head.Kind == kind && head.Index == index && ReferenceEquals(head.Pre, _state))
            {
                _ahead.RemoveFirst();
                taken = head;
                _state = head.Post;
            }
            else
            {
                CancelAhead();
                (recipe, var post) = Plan(_state, kind, index);
                _state = post;
            }
            TopUp(kind, index);
        }
        if (taken == null) return Build(recipe!, CancellationToken.None);
        try
        {
            return taken.Task!.GetAwaiter().GetResult();
        }
        finally
        {
            taken.Cancel.Dispose();
        }
    }

    (BatchRecipe Recipe, State Post) Plan(State s, Kind kind, int index)
    {
        long ordinal = s.Total;
        var rng = new NumpyRandom(SeedFor(ordinal));
        int[] indexArray;
        int start, nextBatchIndex = s.BatchIndex;
        if (kind == Kind.Next)
        {
            indexArray = s.BatchIndex == 0 || s.IndexArray == null ? MakeIndexArray(rng) : s.IndexArray;
            start = Samples == 0 ? 0 : (int)((long)s.BatchIndex * BatchSize % Samples);
            nextBatchIndex = Samples > start + (long)BatchSize ? s.BatchIndex + 1 : 0;
        }
        else
        {
            indexArray = s.IndexArray ?? MakeIndexArray(rng);
            start = (int)Math.Min((long)index * BatchSize, Samples);
        }
        int end = (int)Math.Min((long)start + BatchSize, Samples);
        int[] indices = indexArray[start..end];
        var recipe = Prepare(ordinal, indices, rng);
        return (recipe, new State(nextBatchIndex, ordinal + 1, indexArray, rng));
    }

    uint SeedFor(long ordinal)
    {
        if (Seed is not { } seed) return unchecked(_baseSeed + (uint)ordinal);
        long value = seed + ordinal;
        if (value > uint.MaxValue)
            throw new InvalidOperationException($"Seed must be between 0 and 2**32 - 1: seed {seed} + {ordinal} batches seen = {value}.");
        return (uint)value;
    }

    int[] MakeIndexArray(NumpyRandom rng)
    {
        if (Shuffle) return rng.Permutation(Samples);
        var a = new int[Samples];
        for (int i = 0; i < a.Length; i++) a[i] = i;
        return a;
    }

    /// <summary>
    /// True when building a batch has effects beyond its result (save_to_dir writes files). Such batches are built only
    /// when asked for: a speculative batch that is then discarded must not leave files behind.
    /// </summary>
    protected virtual bool BuildHasSideEffects => false;

    void TopUp(Kind kind, int index)
    {
        int depth = BuildHasSideEffects ? 0 : Pipeline.PrefetchDepth;
        while (_ahead.Count < depth)
        {
            var last = _ahead.Last?.Value;
            State pre = last?.Post ?? _state;
            int lastIndex = last?.Index ?? index;
            int nextIndex = kind == Kind.Index ? lastIndex + 1 : -1;
            if (kind == Kind.Index && nextIndex >= Count) break;
            BatchRecipe recipe;
            State post;
            try { (recipe, post) = Plan(pre, kind, nextIndex); }
            catch (InvalidOperationException) { break; } // seed overflow: the real request reports it
            var pending = new Pending(kind, nextIndex, pre, post, recipe);
            var token = pending.Cancel.Token;
            Interlocked.Increment(ref _running);
            // Background batches are built one after another (a chain), so at most one batch is being built at a time and
            // PipelineOptions.Workers bounds the threads doing pixel work.
            pending.Task = _tail.ContinueWith(_ =>
            {
                try
                {
                    token.ThrowIfCancellationRequested();
                    return Build(recipe, token);
                }
                finally { Interlocked.Decrement(ref _running); }
            }, CancellationToken.None, TaskContinuationOptions.DenyChildAttach, TaskScheduler.Default);
            _tail = pending.Task;
            _ahead.AddLast(pending);
        }
    }

    /// <summary>Cancels speculative builds and waits for them; their results and errors belong to batches nobody asked for.</summary>
    void CancelAhead(TimeSpan? limit = null)
    {
        foreach (var p in _ahead) p.Cancel.Cancel();
        var deadline = limit is { } l ? DateTime.UtcNow + l : DateTime.MaxValue;
        foreach (var p in _ahead)
        {
            bool finished = true;
            try
            {
                if (limit is null) p.Task?.Wait();
                else if (p.Task != null) finished = p.Task.Wait(Max(deadline - DateTime.UtcNow, TimeSpan.Zero));
            }
            catch (AggregateException) { /* a discarded batch: re-planned and rebuilt (errors included) if it is asked for */ }
            if (finished) p.Cancel.Dispose(); // a build still running keeps its (cancelled) token source
        }
        _ahead.Clear();
    }

    static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Parallel options for the per-image work of one batch.</summary>
    protected ParallelOptions ParallelOptionsFor(CancellationToken cancel) =>
        new() { MaxDegreeOfParallelism = Pipeline.Workers, CancellationToken = cancel };

    /// <summary>
    /// Runs <paramref name="body"/> for each image position in parallel and returns the per-position errors
    /// (null = fine), so callers can report the first failing sample deterministically, whatever the thread count.
    /// </summary>
    protected Exception?[] ForEachImage(int count, Action<int> body, CancellationToken cancel)
    {
        var errors = new Exception?[count];
        if (count == 0) return errors;
        if (Pipeline.Workers == 1 || count == 1)
        {
            for (int i = 0; i < count; i++)
            {
                cancel.ThrowIfCancellationRequested();
                try { body(i); } catch (Exception e) { errors[i] = e; }
            }
            return errors;
        }
        // The calling thread's SIMD path, carried to the workers (a thread-static override would not reach them).
        var path = SimdPaths.Current;
        Parallel.For(0, count, ParallelOptionsFor(cancel), i =>
        {
            using var _ = SimdPaths.Force(path);
            try { body(i); } catch (Exception e) { errors[i] = e; }
        });
        return errors;
    }

    /// <summary>Rethrows the error of the lowest failing position (deterministic whatever the thread count).</summary>
    protected static void ThrowFirst(Exception?[] errors)
    {
        foreach (var e in errors)
            if (e != null) ExceptionDispatchInfo.Capture(e).Throw();
    }
}
