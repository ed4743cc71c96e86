namespace AugNet.NN;

/// <summary>
/// The layers' batch buffers (outputs and gradients of every layer: ~480 MB for the book model at 150×150, batch 32)
/// outlive a Fit, Evaluate or Predict only until it ends: then they go to <see cref="BatchBufferPool{T}"/>, where the
/// next model of the same shapes (or this one's next call) takes them. A model that is dropped after training
/// therefore leaves nothing for the GC to find before the next model can reuse the memory.
/// </summary>
public sealed partial class Sequential
{
    /// <summary>Public Fit/Evaluate/Predict calls in progress (a callback may evaluate or predict inside Fit).</summary>
    int _entered;

    /// <summary>Whether a Fit/Evaluate/Predict of this model has started (see <see cref="BatchBuffers.CollectBeforeNewModel"/>).</summary>
    bool _started;

    /// <summary>Runs a public Fit/Evaluate/Predict; when the outermost one ends, the batch buffers are released.</summary>
    T ReleasingBuffers<T>(Func<T> call)
    {
        if (!_started)
        {
            _started = true;
            BatchBuffers.CollectBeforeNewModel();
        }
        _entered++;
        try { return call(); }
        finally
        {
            if (--_entered == 0) ReleaseBuffers();
        }
    }

    /// <summary>
    /// Hands the layers' batch buffers to a process-wide pool, held weakly, from which the next forward pass of this or
    /// any other model takes arrays of the sizes it needs; weights and optimiser state stay. Fit, Evaluate and Predict
    /// do this when they end. Call it after a loop of <see cref="TrainOnBatch"/> or <see cref="Forward"/> calls when
    /// the model is about to be dropped or left idle; a tensor returned by <see cref="Forward"/> before is invalid after.
    /// </summary>
    public void ReleaseBuffers()
    {
        foreach (var l in _layers) l.ReleaseBuffers();
        BufferSlot.Release(_probs, _grad);
    }
}
