
namespace AugNet.NN.Layers;

/// <summary>
/// Keras <c>BatchNormalization</c> over the last axis (channels_last), momentum 0.99, epsilon 1e-3, with trainable
/// gamma (ones) and beta (zeros) and non-trainable moving_mean (zeros) and moving_variance (ones). Training
/// normalises with the batch mean and biased variance and updates moving = moving·momentum + batch·(1 − momentum)
/// (Keras 3 and the non-fused Keras 2 path use the biased variance there too); inference uses the moving statistics.
/// </summary>
public sealed class BatchNormalization : Layer
{
    readonly BufferSlot _out = new(), _dx = new(), _xhat = new();
    internal override void ReleaseBuffers() => BufferSlot.Release(_out, _dx, _xhat);
    Parameter _gamma = null!, _beta = null!, _movingMean = null!, _movingVar = null!;
    double[] _invStd = [];
    Tensor? _xhatUsed;
    bool _trainingPass;
    int _batch;

    public BatchNormalization(double momentum = 0.99, double epsilon = 1e-3, int[]? inputShape = null, string? name = null) : base(inputShape, name)
    {
        if (!(momentum >= 0 && momentum <= 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must be in [0, 1].");
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Epsilon must be positive.");
        Momentum = momentum;
        Epsilon = epsilon;
    }

    public double Momentum { get; }
    public double Epsilon { get; }
    public override string TypeName => "BatchNormalization";
    public override string NamePrefix => "batch_normalization";

    protected override int[] OnBuild(int[] inputShape, NumpyRandom? random)
    {
        if (inputShape.Length == 0) throw new ArgumentException($"Layer '{Name}' (BatchNormalization) needs a feature axis.");
        int c = inputShape[^1];
        _gamma = AddParameter("gamma", [c]);
        _beta = AddParameter("beta", [c]);
        _movingMean = AddParameter("moving_mean", [c], trainable: false);
        _movingVar = AddParameter("moving_variance", [c], trainable: false);
        _gamma.Value.Span.Fill(1f);
        _movingVar.Value.Span.Fill(1f);
        _invStd = new double[c];
        return inputShape;
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        int c = InputShape[^1], rows = input.Length / c;
        var y = _out.Get(input.Shape[0], OutputShape);
        var xhat = _xhat.Get(input.Shape[0], InputShape);
        float[] x = input.Data, yd = y.Data, xh = xhat.Data, g = _gamma.Value.Data, b = _beta.Value.Data;
        var mean = new double[c];
        var variance = new double[c];
        if (training)
        {
            for (int r = 0; r < rows; r++) for (int j = 0; j < c; j++) mean[j] += x[r * c + j];
            for (int j = 0; j < c; j++) mean[j] /= rows;
            for (int r = 0; r < rows; r++) for (int j = 0; j < c; j++) { double d = x[r * c + j] - mean[j]; variance[j] += d * d; }
            for (int j = 0; j < c; j++)
            {
                variance[j] /= rows;
                _movingMean.Value.Data[j] = (float)(_movingMean.Value.Data[j] * Momentum + mean[j] * (1 - Momentum));
                _movingVar.Value.Data[j] = (float)(_movingVar.Value.Data[j] * Momentum + variance[j] * (1 - Momentum));
            }
        }
        else
            for (int j = 0; j < c; j++) { mean[j] = _movingMean.Value.Data[j]; variance[j] = _movingVar.Value.Data[j]; }
        for (int j = 0; j < c; j++) _invStd[j] = 1.0 / Math.Sqrt(variance[j] + Epsilon);
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < c; j++)
            {
                int i = r * c + j;
                xh[i] = (float)((x[i] - mean[j]) * _invStd[j]);
                yd[i] = g[j] * xh[i] + b[j];
            }
        _xhatUsed = xhat;
        _trainingPass = training;
        _batch = input.Shape[0];
        return y;
    }

    public override Tensor? Backward(Tensor gradOutput)
    {
        int c = InputShape[^1], rows = _xhatUsed!.Length / c;
        float[] dy = gradOutput.Data, xh = _xhatUsed.Data, g = _gamma.Value.Data;
        var sumDy = new double[c];
        var sumDyXhat = new double[c];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < c; j++) { int i = r * c + j; sumDy[j] += dy[i]; sumDyXhat[j] += dy[i] * xh[i]; }
        for (int j = 0; j < c; j++) { _gamma.Gradient.Data[j] = (float)sumDyXhat[j]; _beta.Gradient.Data[j] = (float)sumDy[j]; }
        if (!ComputeInputGradient) return null;
        var dx = _dx.Get(_batch, InputShape);
        float[] dxd = dx.Data;
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < c; j++)
            {
                int i = r * c + j;
                dxd[i] = _trainingPass
                    ? (float)(g[j] * _invStd[j] / rows * (rows * (double)dy[i] - sumDy[j] - xh[i] * sumDyXhat[j]))
                    : (float)(g[j] * _invStd[j] * dy[i]);
            }
        return dx;
    }
}
