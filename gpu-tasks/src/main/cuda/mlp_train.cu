// Exact fixed-point (Q16.16) gradient sums of an MLP over a shard, bit-identical to CpuShardGradients.
// Products are taken in 64 bits and shifted right by 16 (arithmetic: floor); sums are exact 64-bit integers.
// layout (ints): widths[0..L], weightOffset[0..L] (index l for layer l >= 1), scratchOffset[0..L].
// Scratch per sample (ints): the activations and the errors of layers 1..L, at scratchOffset[l].
// Kernel 1, one thread a sample: forward and backward pass into scratch; an activation or error that leaves the
// 32-bit range sets *overflow and ends the thread. Kernel 2, one thread a parameter: sums its per-sample gradient
// over the shard in sample order (order does not matter: integer addition is exact).

__device__ __forceinline__ long long fx_mul(long long a, long long b) { return (a * b) >> 16; }

__device__ __forceinline__ bool fits(long long v) { return v >= -2147483648LL && v <= 2147483647LL; }

extern "C" __global__ void mlp_forward_backward(int L, const int* __restrict__ layout, const int* __restrict__ params,
                                                int samples, const int* __restrict__ x,
                                                const int* __restrict__ labels, int scratchPerSample,
                                                int* __restrict__ act, int* __restrict__ err, int* overflow)
{
    const int s = blockIdx.x * blockDim.x + threadIdx.x;
    if (s >= samples) return;
    const int* widths = layout;
    const int* weightOffset = layout + (L + 1);
    const int* scratchOffset = layout + 2 * (L + 1);
    int* a = act + (long long) s * scratchPerSample;
    int* e = err + (long long) s * scratchPerSample;
    const int* input = x + (long long) s * widths[0];

    for (int l = 1; l <= L; l++) {
        const int in = widths[l - 1];
        const int out = widths[l];
        const int* W = params + weightOffset[l];
        const int* b = W + out * in;
        const int* prev = l == 1 ? input : a + scratchOffset[l - 1];
        int* cur = a + scratchOffset[l];
        for (int i = 0; i < out; i++) {
            long long z = b[i];
            for (int k = 0; k < in; k++) z += fx_mul(W[i * in + k], prev[k]);
            if (!fits(z)) { atomicExch(overflow, 1); return; }
            int v = (int) z;
            cur[i] = (l < L && v < 0) ? 0 : v;
        }
    }
    {
        const int out = widths[L];
        const int* y = a + scratchOffset[L];
        int* d = e + scratchOffset[L];
        const int label = labels[s];
        for (int j = 0; j < out; j++) {
            long long v = (long long) y[j] - (j == label ? 65536LL : 0LL);
            if (!fits(v)) { atomicExch(overflow, 1); return; }
            d[j] = (int) v;
        }
    }
    for (int l = L - 1; l >= 1; l--) {
        const int width = widths[l];
        const int above = widths[l + 1];
        const int* W = params + weightOffset[l + 1];
        const int* dAbove = e + scratchOffset[l + 1];
        const int* al = a + scratchOffset[l];
        int* d = e + scratchOffset[l];
        for (int i = 0; i < width; i++) {
            long long sum = 0;
            if (al[i] > 0) {
                for (int j = 0; j < above; j++) sum += fx_mul(W[j * width + i], dAbove[j]);
                if (!fits(sum)) { atomicExch(overflow, 1); return; }
            }
            d[i] = (int) sum;
        }
    }
}

extern "C" __global__ void mlp_gradient_sums(int L, const int* __restrict__ layout, int parameters, int samples,
                                             const int* __restrict__ x, int scratchPerSample,
                                             const int* __restrict__ act, const int* __restrict__ err,
                                             long long* __restrict__ sums)
{
    const int p = blockIdx.x * blockDim.x + threadIdx.x;
    if (p >= parameters) return;
    const int* widths = layout;
    const int* weightOffset = layout + (L + 1);
    const int* scratchOffset = layout + 2 * (L + 1);
    int l = 1;
    while (l < L && p >= weightOffset[l + 1]) l++;
    const int in = widths[l - 1];
    const int out = widths[l];
    const int local = p - weightOffset[l];
    long long sum = 0;
    if (local < out * in) {
        const int i = local / in;
        const int k = local % in;
        for (int s = 0; s < samples; s++) {
            const int prev = l == 1 ? x[(long long) s * in + k] : act[(long long) s * scratchPerSample + scratchOffset[l - 1] + k];
            sum += fx_mul(err[(long long) s * scratchPerSample + scratchOffset[l] + i], prev);
        }
    } else {
        const int i = local - out * in;
        for (int s = 0; s < samples; s++) sum += err[(long long) s * scratchPerSample + scratchOffset[l] + i];
    }
    sums[p] = sum;
}
