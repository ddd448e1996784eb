# SPDX-License-Identifier: Apache-2.0
"""The seeds' GPU workloads written as CuPy and numba.cuda users write them, timed the way Gatun's side is
(SeedsGpuTimings.java): the same sizes, device-resident data, a warm-up, then the best of several timed runs,
each ending with a synchronisation. Prints one line per measurement: RESULT <name> <value> <unit>.

Run on the GPU machine: python3 cuda/scripts/seeds_gpu_tools.py   (cuda/scripts/seeds-side-by-side.sh does).
"""
import math
import sys
import time

import numpy as np
import cupy as cp


def result(name, value, unit):
    print(f"RESULT {name} {value:.3f} {unit}", flush=True)


def best_of(fn, reps, inner=1):
    """Best wall time per call over `reps` runs of `inner` calls, each run ended by a device synchronisation."""
    fn()
    cp.cuda.Device().synchronize()
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(inner):
            fn()
        cp.cuda.Device().synchronize()
        best = min(best, (time.perf_counter() - t0) / inner)
    return best


def matvec():
    # The seed: matrix = np.random.rand(n, n); cp.dot(matrix_gpu, vector_gpu).
    for n in (2048, 3000):
        matrix = cp.asarray(np.random.rand(n, n))
        vector = cp.asarray(np.random.rand(n))
        t = best_of(lambda: cp.dot(matrix, vector), 7, 200)
        result(f"dot_n{n}_us", t * 1e6, "us")
        check = float(cp.abs(cp.dot(matrix, vector) - cp.asarray(np.dot(cp.asnumpy(matrix), cp.asnumpy(vector)))).max())
        print(f"cp.dot n={n}: max |gpu - numpy| = {check:.2e}")


def heat_explicit(n=4096, steps=100):
    # Explicit Euler with array slices, as the seeds' NumPy version is ported to CuPy.
    h = 1.0 / (n - 1)
    dt = 0.4 / (2 / h**2)
    cx = cy = dt / h**2
    x = cp.linspace(0, 1, n)
    u0 = cp.sin(math.pi * x)[:, None] * cp.sin(math.pi * x)[None, :]

    def run():
        u = u0.copy()
        for _ in range(steps):
            u[1:-1, 1:-1] = (u[1:-1, 1:-1]
                             + cx * (u[2:, 1:-1] - 2 * u[1:-1, 1:-1] + u[:-2, 1:-1])
                             + cy * (u[1:-1, 2:] - 2 * u[1:-1, 1:-1] + u[1:-1, :-2]))
        return u

    t = best_of(run, 3)
    u = run()
    print(f"heat explicit n={n} steps={steps}: u(centre) = {float(u[n // 2, n // 2]):.9e}")
    result(f"heat_explicit_n{n}_s{steps}_ms", t * 1e3, "ms")


def heat_spectral(n=4096, alpha_t=1e-3):
    # The seeds' spectral solution: FFT, multiply by exp(-4 pi^2 (m^2 + k^2) / N^2 t), inverse FFT (grid spacing 1).
    u0 = cp.random.rand(n, n) + 0j
    k = cp.fft.fftfreq(n) * n
    decay = cp.exp(-4 * math.pi**2 * (k[:, None] ** 2 + k[None, :] ** 2) / n**2 * alpha_t)
    t = best_of(lambda: cp.fft.ifft2(cp.fft.fft2(u0) * decay).real, 5, 5)
    result(f"heat_spectral_n{n}_ms", t * 1e3, "ms")


def integration_cupy(n, chunk=2000):
    # Chunked CuPy arrays: a block of rows at a time, so an n = 1e5 grid never needs 80 GB.
    h = math.pi / n
    y = (cp.arange(n) + 0.5) * h

    def run():
        total = cp.zeros((), dtype=cp.float64)
        for i0 in range(0, n, chunk):
            x = (cp.arange(i0, min(i0 + chunk, n)) + 0.5) * h
            total += cp.sin(x[:, None] + y[None, :]).sum()
        return float(total) * h * h

    value = run()
    t = best_of(run, 3)
    print(f"integration2d chunked CuPy n={n}: {value:.6e}")
    result(f"integration2d_cupy_n{n}_ms", t * 1e3, "ms")


def integration_numba(n):
    # numba 0.68 still calls np.row_stack when it compiles a kernel; NumPy 2.5 removed that name, which was only an
    # alias of np.vstack. Restoring the alias is what a numba user on this NumPy does until numba catches up.
    if not hasattr(np, "row_stack"):
        np.row_stack = np.vstack
    try:
        from numba import cuda
    except Exception as e:  # numba may not import with this numpy
        print(f"numba.cuda unavailable: {type(e).__name__}: {e}")
        return

    @cuda.jit
    def partial_sums(n, h, out):
        start = cuda.grid(1)
        stride = cuda.gridsize(1)
        s = 0.0
        for k in range(start, n * n, stride):
            i = k // n
            j = k - i * n
            s += math.sin((i + 0.5) * h + (j + 0.5) * h)
        out[start] = s

    threads, blocks = 256, 132 * 8
    out = cuda.device_array(threads * blocks, dtype=np.float64)
    h = math.pi / n

    def run():
        partial_sums[blocks, threads](n, h, out)
        return out

    try:
        run()
        cuda.synchronize()
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            run()
            cuda.synchronize()
            best = min(best, time.perf_counter() - t0)
    except Exception as e:
        print(f"numba.cuda kernel failed: {type(e).__name__}: {e}")
        return
    value = float(cp.asarray(out).sum()) * h * h
    print(f"integration2d numba.cuda n={n}: {value:.6e}")
    result(f"integration2d_numba_n{n}_ms", best * 1e3, "ms")


def empty_launch(n=100_000):
    kernel = cp.RawKernel(r'extern "C" __global__ void empty() {}', "empty")
    t = best_of(lambda: kernel((1,), (1,), ()), 5, n)
    result("empty_rawkernel_us", t * 1e6, "us")


def main():
    print(f"CuPy {cp.__version__}, NumPy {np.__version__}, device {cp.cuda.runtime.getDeviceProperties(0)['name'].decode()}")
    steps = [matvec, heat_explicit, heat_spectral, lambda: integration_cupy(10_000), lambda: integration_cupy(100_000),
             lambda: integration_numba(10_000), lambda: integration_numba(100_000), empty_launch]
    for step in steps:
        try:
            step()
        except Exception as e:
            print(f"FAILED {getattr(step, '__name__', 'step')}: {type(e).__name__}: {e}", file=sys.stderr)


if __name__ == "__main__":
    main()
