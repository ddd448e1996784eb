# SPDX-License-Identifier: Apache-2.0
"""The mpi4py side of examples/scripts/mpi-bench.sh, with mpi4py's buffer API (Send/Recv/Allreduce on NumPy
arrays, no pickling) and the same schedule as pingpong.c and PingPong.java.
Run: mpirun -np 2 python3 pingpong.py ; mpirun -np 16 python3 pingpong.py allreduce
"""
import sys

import numpy as np
from mpi4py import MPI

comm = MPI.COMM_WORLD
rank, size = comm.Get_rank(), comm.Get_size()
if size < 2:
    # mpi4py built against another MPI than the mpirun that started it: every process is a job of its own.
    print(f"mpi4py: {MPI.Get_library_version().splitlines()[0]} sees 1 rank; not the MPI of this mpirun", flush=True)
    sys.exit(0)


def iterations(nbytes):
    n = 5000 if nbytes <= 65536 else (256 << 20) // nbytes
    return max(20, n)


if len(sys.argv) > 1 and sys.argv[1] == "allreduce":
    n = 1 << 20
    a = rank + np.arange(n) * 1e-6
    b = np.empty(n)
    for _ in range(10):
        comm.Allreduce(a, b, op=MPI.SUM)
    iters, best = 100, float("inf")
    for _ in range(5):
        comm.Barrier()
        t0 = MPI.Wtime()
        for _ in range(iters):
            comm.Allreduce(a, b, op=MPI.SUM)
        t = comm.allreduce((MPI.Wtime() - t0) / iters, op=MPI.MAX)
        best = min(best, t)
    if rank == 0:
        print(f"RESULT allreduce impl=mpi4py ranks={size} doubles={n} us={best * 1e6:.3f}", flush=True)
else:
    buf = np.ones(64 << 20, dtype=np.uint8)
    for nbytes in (8, 64, 512, 4096, 32768, 262144, 2097152, 16777216, 67108864):
        view = buf[:nbytes]
        iters, best = iterations(nbytes), float("inf")
        for run in range(-1, 3):  # one untimed run first, as PingPong.java does
            comm.Barrier()
            n = 20000 if run < 0 and nbytes <= 65536 else iters
            t0 = MPI.Wtime()
            for _ in range(n):
                if rank == 0:
                    comm.Send(view, dest=1, tag=0)
                    comm.Recv(view, source=1, tag=0)
                elif rank == 1:
                    comm.Recv(view, source=0, tag=0)
                    comm.Send(view, dest=0, tag=0)
            if run >= 0:
                best = min(best, (MPI.Wtime() - t0) / iters / 2)
        if rank == 0:
            print(f"RESULT pingpong impl=mpi4py bytes={nbytes} us={best * 1e6:.3f} GBps={nbytes / best / 1e9:.3f}", flush=True)
