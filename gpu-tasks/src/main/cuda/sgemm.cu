// Tiled SGEMM for the probe challenge: C (M x N) = A (M x K) * B (K x N), all row-major.
// Each 256-thread block computes a 128 x 128 tile of C, each thread an 8 x 8 sub-tile held in
// registers; A and B are staged through shared memory 8 columns/rows at a time (A transposed so
// that the inner loop reads both operands as broadcasts). The host pads M and N to multiples of
// 128 and K to a multiple of 8, so the kernel needs no bounds checks.
#define BM 128
#define BN 128
#define BK 8
#define TM 8
#define TN 8

extern "C" __global__ void __launch_bounds__(256)
sgemm_128x128x8(int M, int N, int K, const float* __restrict__ A, const float* __restrict__ B,
                float* __restrict__ C)
{
    __shared__ float As[2][BK][BM];
    __shared__ float Bs[2][BK][BN];

    const int tid = threadIdx.x;
    const int threadRow = tid / (BN / TN);
    const int threadCol = tid % (BN / TN);

    A += blockIdx.y * BM * K;
    B += blockIdx.x * BN;
    C += blockIdx.y * BM * N + blockIdx.x * BN;

    // one float4 of A (row innerRowA, columns innerColA*4..+3) and one float4 of B per thread per tile
    const int innerRowA = tid / (BK / 4);
    const int innerColA = tid % (BK / 4);
    const int innerRowB = tid / (BN / 4);
    const int innerColB = tid % (BN / 4);

    float acc[TM][TN];
    #pragma unroll
    for (int i = 0; i < TM; ++i) {
        #pragma unroll
        for (int j = 0; j < TN; ++j) {
            acc[i][j] = 0.0f;
        }
    }

    float4 nextA = *reinterpret_cast<const float4*>(&A[innerRowA * K + innerColA * 4]);
    float4 nextB = *reinterpret_cast<const float4*>(&B[innerRowB * N + innerColB * 4]);
    int buffer = 0;
    As[0][innerColA * 4 + 0][innerRowA] = nextA.x;
    As[0][innerColA * 4 + 1][innerRowA] = nextA.y;
    As[0][innerColA * 4 + 2][innerRowA] = nextA.z;
    As[0][innerColA * 4 + 3][innerRowA] = nextA.w;
    *reinterpret_cast<float4*>(&Bs[0][innerRowB][innerColB * 4]) = nextB;
    __syncthreads();

    for (int bk = 0; bk < K; bk += BK) {
        const bool more = bk + BK < K;
        if (more) {
            // fetch the next tile into registers while this one is multiplied
            nextA = *reinterpret_cast<const float4*>(&A[innerRowA * K + bk + BK + innerColA * 4]);
            nextB = *reinterpret_cast<const float4*>(&B[(bk + BK + innerRowB) * N + innerColB * 4]);
        }
        #pragma unroll
        for (int d = 0; d < BK; ++d) {
            float regM[TM];
            float regN[TN];
            const float4 m0 = *reinterpret_cast<const float4*>(&As[buffer][d][threadRow * TM]);
            const float4 m1 = *reinterpret_cast<const float4*>(&As[buffer][d][threadRow * TM + 4]);
            const float4 n0 = *reinterpret_cast<const float4*>(&Bs[buffer][d][threadCol * TN]);
            const float4 n1 = *reinterpret_cast<const float4*>(&Bs[buffer][d][threadCol * TN + 4]);
            regM[0] = m0.x; regM[1] = m0.y; regM[2] = m0.z; regM[3] = m0.w;
            regM[4] = m1.x; regM[5] = m1.y; regM[6] = m1.z; regM[7] = m1.w;
            regN[0] = n0.x; regN[1] = n0.y; regN[2] = n0.z; regN[3] = n0.w;
            regN[4] = n1.x; regN[5] = n1.y; regN[6] = n1.z; regN[7] = n1.w;
            #pragma unroll
            for (int i = 0; i < TM; ++i) {
                #pragma unroll
                for (int j = 0; j < TN; ++j) {
                    acc[i][j] += regM[i] * regN[j];
                }
            }
        }
        if (more) {
            buffer ^= 1;
            As[buffer][innerColA * 4 + 0][innerRowA] = nextA.x;
            As[buffer][innerColA * 4 + 1][innerRowA] = nextA.y;
            As[buffer][innerColA * 4 + 2][innerRowA] = nextA.z;
            As[buffer][innerColA * 4 + 3][innerRowA] = nextA.w;
            *reinterpret_cast<float4*>(&Bs[buffer][innerRowB][innerColB * 4]) = nextB;
            __syncthreads();
        }
    }

    #pragma unroll
    for (int i = 0; i < TM; ++i) {
        #pragma unroll
        for (int j = 0; j < TN; j += 4) {
            *reinterpret_cast<float4*>(&C[(threadRow * TM + i) * N + threadCol * TN + j]) =
                    make_float4(acc[i][j], acc[i][j + 1], acc[i][j + 2], acc[i][j + 3]);
        }
    }
}
