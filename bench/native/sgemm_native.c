/*
 * Single-threaded OpenBLAS sgemm speed, called from C: the baseline for BlasSpeedCheck (the same
 * measurement through Neurite's FFM binding).
 *
 *   gcc -O2 -o /tmp/sgemm_native bench/native/sgemm_native.c -l:libopenblas.so.0
 *   /tmp/sgemm_native [runs] [size...]        (default: 7 runs of 256 512 1024)
 *
 * For each square size n: C = A B (row-major, no transpose, alpha 1, beta 0), timed over enough
 * calls for 4 GFLOP per run (about 50 ms), best of the runs, printed as GFLOP/s (2 n^3 per call).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef int blasint;
enum CBLAS_ORDER { CblasRowMajor = 101 };
enum CBLAS_TRANSPOSE { CblasNoTrans = 111 };
void cblas_sgemm(const enum CBLAS_ORDER, const enum CBLAS_TRANSPOSE, const enum CBLAS_TRANSPOSE,
                 const blasint, const blasint, const blasint, const float, const float *, const blasint,
                 const float *, const blasint, const float, float *, const blasint);
void openblas_set_num_threads(int);
char *openblas_get_corename(void);
char *openblas_get_config(void);

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    int runs = argc > 1 ? atoi(argv[1]) : 7;
    int default_sizes[] = {256, 512, 1024};
    int count = argc > 2 ? argc - 2 : 3;
    openblas_set_num_threads(1);
    printf("native: core %s; %s\n", openblas_get_corename(), openblas_get_config());
    for (int s = 0; s < count; s++) {
        int n = argc > 2 ? atoi(argv[2 + s]) : default_sizes[s];
        size_t len = (size_t) n * n;
        float *a = aligned_alloc(64, len * sizeof(float));
        float *b = aligned_alloc(64, len * sizeof(float));
        float *c = aligned_alloc(64, len * sizeof(float));
        srand(42);
        for (size_t i = 0; i < len; i++) {
            a[i] = (float) rand() / RAND_MAX - 0.5f;
            b[i] = (float) rand() / RAND_MAX - 0.5f;
        }
        double flops = 2.0 * n * n * n;
        int calls = flops >= 4e9 ? 1 : (int) (4e9 / flops);
        double best = 1e30;
        for (int r = -2; r < runs; r++) { /* two warm-up runs */
            double t0 = now();
            for (int i = 0; i < calls; i++) {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f, a, n, b, n, 0.0f, c, n);
            }
            double t = (now() - t0) / calls;
            if (r >= 0 && t < best) {
                best = t;
            }
        }
        printf("native sgemm %4d: %7.2f GFLOP/s (best of %d runs, %d calls each)\n", n, flops / best * 1e-9, runs, calls);
        free(a);
        free(b);
        free(c);
    }
    return 0;
}
