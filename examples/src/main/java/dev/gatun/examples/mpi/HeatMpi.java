// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.mpi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.gatun.array.DoubleArray;
import dev.gatun.kernels.Kernels;
import dev.gatun.kernels.omp.KernelsOmp;
import dev.gatun.mpi.CartesianCommunicator;
import dev.gatun.mpi.Communicator;
import dev.gatun.mpi.Mpi;
import dev.gatun.mpi.MpiArena;
import dev.gatun.mpi.PersistentRequest;
import dev.gatun.mpi.ReduceOp;
import dev.gatun.mpi.Request;
import dev.gatun.mpi.ThreadLevel;
import dev.gatun.omp.OpenMP;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * <b>heat-mpi</b>: the seeds' 2D heat equation du/dt = alpha (u_xx + u_yy), explicit Euler steps of the 5-point
 * stencil, decomposed over MPI ranks in blocks of rows, with the halo exchange overlapped with the update of the
 * block's interior. Each rank runs the OpenMP C kernel {@code heat_c_omp} on its block.
 *
 * <p><b>What it shows.</b> Domain decomposition as HPC codes do it, driven from Java with zero copies:
 * <ol>
 *   <li>a 1-D Cartesian communicator gives each rank its neighbours above and below
 *       ({@code MPI_Cart_shift}; the first and last rank see {@code PROC_NULL} and need no special case);</li>
 *   <li>each step starts four persistent requests (receive the halo rows, send the edge rows), updates the
 *       rows that need no halo while the messages travel, waits, then updates the two edge rows;</li>
 *   <li>the buffers live in an {@code MpiArena}, which refuses to close while a request is pending.</li>
 * </ol>
 * With {@code --depth k} (k &gt; 1) the ranks trade communication for memory traffic instead: they exchange k
 * halo rows every k steps and run the k steps in one sweep of {@code heat_c_blocked}, which keeps the
 * intermediate time levels in the cache. One step of the plain kernel streams the whole block through memory
 * twice, and from about eight ranks on the host's memory bandwidth, not its cores, sets the pace; the
 * blocked sweep streams it once per k steps.
 * Rank r holds rows {@code lo-1 .. hi} of the global grid: its rows {@code [lo, hi)} plus one row above and below
 * (a neighbour's edge row, or the fixed boundary row of the grid). The boundary keeps its initial value (Dirichlet).
 *
 * <p><b>Checked.</b> With {@code --check} the root gathers the grid and compares it with one call of the same
 * kernel on the whole grid (equal bit for bit: every point is the same operations on the same values) and with the
 * serial kernel {@code heat_c} (differences of rounding only: that build does not contract to FMA).
 *
 * <p><b>How to run.</b> After {@code ./mvnw -B -q package -DskipTests}, from the repository root:
 * <pre>
 * mpirun -np 4 --bind-to core java --enable-native-access=ALL-UNNAMED \
 *        -cp 'examples/target/classes:examples/target/lib/*' dev.gatun.examples.mpi.HeatMpi --n 2048 --steps 200 --check
 * </pre>
 * ({@code --allow-run-as-root --oversubscribe} as root or with more ranks than cores.) {@code --rows-per-rank R}
 * grows the grid with the ranks (weak scaling): {@code R * ranks + 2} rows of {@code n} points.
 *
 * <p><b>What you should see.</b> On the root, per timed run, {@code u(centre) is ..., Error is ...} (against the
 * exact decay {@code exp(-2 pi^2 alpha t)} of the initial {@code sin(pi x) sin(pi y)}) and {@code Time spent}, the
 * check's verdict, and one machine-readable line {@code RESULT example=heat-mpi ... seconds=... halo=...}, where
 * {@code halo} is the share of the time the ranks waited for halo rows after their interior update (with
 * {@code --depth k}: exchanged them), and {@code busy_min}/{@code busy_max} the least and most seconds one rank spent
 * on anything else in the last run: their spread is the imbalance that makes the others wait.
 * {@code examples/scripts/heat_mpi.c} is the same program in C, to tell the machine's losses from Java's.
 */
@Command(name = "heat-mpi", mixinStandardHelpOptions = true,
        description = "The explicit 2D heat equation, rows split over MPI ranks, halo exchange overlapped with the interior.")
public final class HeatMpi implements Callable<Integer> {

    @Option(names = "--n", defaultValue = "2048", description = "Grid points per row, boundary included (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--rows-per-rank", defaultValue = "0",
            description = "Weak scaling: this many rows per rank (grid of rows-per-rank * ranks + 2 rows); 0: n rows (default).")
    int rowsPerRank;

    @Option(names = "--steps", defaultValue = "100", description = "Time steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--threads", defaultValue = "1",
            description = "OpenMP threads per rank; 0 keeps OpenMP's default (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--reps", defaultValue = "3", description = "Timed runs; RESULT reports their median (default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--warmup", defaultValue = "1", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--depth", defaultValue = "1",
            description = "Halo rows exchanged at a time: 1 exchanges one row each step, overlapped with the interior update;"
                    + " k > 1 exchanges k rows every k steps and runs the k steps in one cache-blocked sweep (heat_c_blocked)"
                    + " (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--check", description = "Gather the grid on the root and compare it with the whole-grid kernels.")
    boolean check;

    @Spec
    CommandSpec spec;

    private static final double ALPHA = 1.0;
    // alpha dt (1/dx^2 + 1/dy^2) <= 0.4 < 1/2: the explicit scheme is stable.
    private static final double COURANT = 0.2;
    private static final int TAG_UP = 1;   // a row travelling to the rank above
    private static final int TAG_DOWN = 2; // a row travelling to the rank below
    private static final int TAG_GATHER = 3;

    /** Creates the command; picocli fills the options. */
    public HeatMpi() {
    }

    /**
     * Runs the example.
     *
     * @param args command-line options, see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new HeatMpi()).execute(args));
    }

    @Override
    public Integer call() {
        if (n < 3 || steps < 1 || repetitions < 1 || warmups < 0 || rowsPerRank < 0 || depth < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "expected --n >= 3, --steps >= 1, --reps >= 1,"
                    + " --warmup >= 0, --rows-per-rank >= 0 and --depth >= 1");
        }
        Mpi.init(ThreadLevel.FUNNELED); // only main calls MPI; OpenMP threads never do
        if (threads > 0) {
            OpenMP.setNumThreads(threads);
        }
        Communicator world = Mpi.world();
        int nx = rowsPerRank > 0 ? rowsPerRank * world.size() + 2 : n;
        int rowsNeeded = Math.max(2, depth);
        if (nx - 2 < rowsNeeded * world.size()) {
            if (world.rank() == 0) {
                System.err.printf("heat-mpi: %d interior rows cannot give each of %d ranks the %d rows it needs (at least 2,"
                        + " and at least --depth); use a larger --n, a smaller --depth or fewer ranks%n", nx - 2, world.size(),
                        rowsNeeded);
            }
            Mpi.finalizeMpi(); // every rank gets here: finalize, so that exit(2) ends the job without an abort
            return 2;
        }
        Grid grid = new Grid(nx, n);
        try (CartesianCommunicator rows = world.cartesian(new int[] {world.size()}, new boolean[] {false}, false).orElseThrow();
             MpiArena arena = MpiArena.open()) {
            Block block = new Block(rows, grid, depth, arena);
            for (int k = 0; k < warmups; k++) {
                block.run(steps);
            }
            List<Double> times = new ArrayList<>();
            double[] last = null;
            for (int k = 0; k < repetitions; k++) {
                double[] run = block.run(steps);
                times.add(run[0]);
                last = run;
                double centre = block.centreValue();
                if (rows.rank() == 0) {
                    double exact = Math.exp(-2 * Math.PI * Math.PI * ALPHA * grid.dt * steps) * grid.initial(nx / 2, n / 2);
                    System.out.printf(Locale.ROOT, "u(centre) is %.9e, Error is %.3e%n", centre, Math.abs(centre - exact));
                    System.out.printf(Locale.ROOT, "Time spent: %.3f sec%n", run[0]);
                }
            }
            if (check) {
                block.check(steps);
            }
            if (rows.rank() == 0) {
                List<Double> sorted = times.stream().sorted().toList();
                System.out.printf(Locale.ROOT, "RESULT example=heat-mpi nx=%d ny=%d ranks=%d threads=%d steps=%d depth=%d"
                        + " seconds=%.6f min=%.6f halo=%.4f busy_min=%.6f busy_max=%.6f reps=%d%n", nx, n,
                        rows.communicator().size(), OpenMP.maxThreads(), steps, depth, sorted.get(sorted.size() / 2),
                        sorted.getFirst(), last[1], last[2], last[3], repetitions);
            }
            block.close();
        }
        Mpi.finalizeMpi();
        return 0;
    }

    /** The global problem: an nx-by-ny grid on the unit square, u = sin(pi x) sin(pi y) at t = 0. */
    record Grid(int nx, int ny, double dx, double dy, double dt) {
        Grid(int nx, int ny) {
            this(nx, ny, 1.0 / (nx - 1), 1.0 / (ny - 1), 2 * COURANT / (ALPHA * ((nx - 1.0) * (nx - 1) + (ny - 1.0) * (ny - 1))));
        }

        double initial(int i, int j) {
            return Math.sin(Math.PI * i * dx) * Math.sin(Math.PI * j * dy);
        }
    }

    /**
     * One rank's rows {@code [lo, hi)} with {@code halo} rows above and below: {@code u} has {@code local + 2 halo}
     * rows of {@code ny}, the rank's own row {@code lo + i} at {@code u}'s row {@code halo + i}.
     *
     * <p>With {@code halo = 1} the edge rows travel through small three-row arrays {@code top} and {@code bottom},
     * so that MPI never reads or writes {@code u} while the kernel updates the interior. With {@code halo = k > 1}
     * the rank exchanges k rows with each neighbour (straight from and into {@code u}: nothing else touches it
     * meanwhile), then runs k steps in one sweep of {@code heat_c_blocked}, whose intermediate time levels stay in
     * the cache: the grid crosses the memory bus once per k steps instead of twice per step.
     */
    private static final class Block {
        final CartesianCommunicator rows;
        final Grid grid;
        final int halo;
        final int lo;
        final int local;
        final boolean first;
        final boolean last;
        final DoubleArray u;
        final DoubleArray work;
        final DoubleArray top;     // halo 1: [row above, row lo, row lo+1]: the kernel updates its middle row
        final DoubleArray bottom;  // halo 1: [row hi-2, row hi-1, row below]
        final DoubleArray work3;
        final PersistentRequest[] exchange;

        Block(CartesianCommunicator rows, Grid grid, int halo, Arena arena) {
            this.rows = rows;
            this.grid = grid;
            this.halo = halo;
            int size = rows.communicator().size();
            int r = rows.rank();
            int interior = grid.nx - 2;
            lo = 1 + (int) ((long) r * interior / size);
            int hi = 1 + (int) ((long) (r + 1) * interior / size);
            local = hi - lo;
            first = r == 0;
            last = r == size - 1;
            int ny = grid.ny;
            u = DoubleArray.allocate(arena, (long) (local + 2 * halo) * ny);
            CartesianCommunicator.Shift down = rows.shift(0, 1); // source: the rank above, dest: the rank below
            Communicator c = rows.communicator();
            if (halo == 1) {
                work = DoubleArray.allocate(arena, (long) local * ny);
                top = DoubleArray.allocate(arena, 3L * ny);
                bottom = DoubleArray.allocate(arena, 3L * ny);
                work3 = DoubleArray.allocate(arena, 3L * ny);
                exchange = new PersistentRequest[] {
                    c.receiveInit(row(top, 0), down.source(), TAG_DOWN),
                    c.receiveInit(row(bottom, 2), down.dest(), TAG_UP),
                    c.sendInit(row(top, 1), down.source(), TAG_UP),
                    c.sendInit(row(bottom, 1), down.dest(), TAG_DOWN),
                };
            } else {
                work = DoubleArray.allocate(arena, 3L * halo * ny); // heat_c_blocked's ring buffers, 3 rows per level
                top = null;
                bottom = null;
                work3 = null;
                exchange = new PersistentRequest[] {
                    c.receiveInit(rowsOf(u, 0, halo), down.source(), TAG_DOWN),
                    c.receiveInit(rowsOf(u, halo + local, halo), down.dest(), TAG_UP),
                    c.sendInit(rowsOf(u, halo, halo), down.source(), TAG_UP),
                    c.sendInit(rowsOf(u, local, halo), down.dest(), TAG_DOWN),
                };
            }
        }

        /**
         * Runs {@code steps} steps from the initial state: {slowest rank's seconds, mean share of halo waiting, least
         * and most seconds a rank spent outside the halo exchange}.
         */
        double[] run(int steps) {
            reset();
            Communicator c = rows.communicator();
            c.barrier();
            double start = Mpi.wtime();
            double waiting = 0;
            if (halo == 1) {
                for (int s = 0; s < steps; s++) {
                    waiting += step();
                }
            } else {
                for (int s = 0; s < steps; s += halo) {
                    waiting += steps(Math.min(halo, steps - s));
                }
            }
            double elapsed = Mpi.wtime() - start;
            double slowest = c.allReduce(elapsed, ReduceOp.MAX);
            double share = c.allReduce(waiting, ReduceOp.SUM) / c.allReduce(elapsed, ReduceOp.SUM);
            // The time each rank spent computing: its spread is the imbalance the halo waits are made of.
            double busy = elapsed - waiting;
            return new double[] {slowest, share, c.allReduce(busy, ReduceOp.MIN), c.allReduce(busy, ReduceOp.MAX)};
        }

        /** One step; returns the seconds spent waiting for the halo rows. */
        private double step() {
            int ny = grid.ny;
            // 1. The edge rows (and the row next to each) go to the small arrays: MPI sends from and receives into them.
            copyRows(u, 1, top, 1, 2);
            copyRows(u, local - 1, bottom, 0, 2);
            // 2. The exchange starts ...
            PersistentRequest.startAll(exchange);
            // 3. ... while the kernel updates rows lo+1 .. hi-2, which need no halo (u's rows 1 .. local as a block of
            //    its own: its first and last row stay as they are, like a boundary).
            if (local >= 3) {
                KernelsOmp.heatCOmp(u.slice(0, (long) ny, (long) (local + 1) * ny).reshape(local, ny), work.reshape(local, ny),
                        ALPHA, grid.dt, grid.dx, grid.dy, 1, 0);
            }
            // 4. The halo rows arrive ...
            double t0 = Mpi.wtime();
            Request.waitAll(exchange);
            double waited = Mpi.wtime() - t0;
            // 5. ... and the two edge rows are updated from them.
            KernelsOmp.heatCOmp(top.reshape(3, ny), work3.reshape(3, ny), ALPHA, grid.dt, grid.dx, grid.dy, 1, 0);
            copyRows(top, 1, u, 1, 1);
            KernelsOmp.heatCOmp(bottom.reshape(3, ny), work3.reshape(3, ny), ALPHA, grid.dt, grid.dx, grid.dy, 1, 0);
            copyRows(bottom, 1, u, local, 1);
            return waited;
        }

        /**
         * {@code k} steps at once: exchange {@code halo} rows with each neighbour, then one {@code heat_c_blocked}
         * sweep over the rows the k steps need ({@code k} halo rows each side). Returns the seconds spent exchanging.
         */
        private double steps(int k) {
            double t0 = Mpi.wtime();
            PersistentRequest.startAll(exchange);
            Request.waitAll(exchange);
            double exchanging = Mpi.wtime() - t0;
            // The rows [halo - k, halo + local + k): on the first (last) rank, row k - 1 (local + k) of this view is
            // the grid's fixed boundary row, which the kernel keeps. The kernel takes its step count from its
            // scratch, three rows per step (Gatun infers `steps` from work's declared extent 3 * steps).
            DoubleArray view = rowsOf(u, halo - k, local + 2 * k);
            KernelsOmp.heatCBlocked(view.reshape(local + 2 * k, grid.ny), work.reshape(3 * halo, grid.ny).slice(0, 0, 3 * k),
                    ALPHA, grid.dt, grid.dx, grid.dy, first ? 1 : 0, last ? 1 : 0);
            return exchanging;
        }

        /**
         * The initial state. Halo rows outside the grid (above its first row, below its last) are never read; the
         * fixed boundary rows go to top/bottom for {@code halo = 1}.
         */
        private void reset() {
            int ny = grid.ny;
            for (int i = 0; i < local + 2 * halo; i++) {
                int global = lo - halo + i;
                for (int j = 0; j < ny; j++) {
                    u.set((long) i * ny + j, global >= 0 && global < grid.nx ? grid.initial(global, j) : 0);
                }
            }
            if (halo == 1) {
                copyRows(u, 0, top, 0, 1);           // overwritten by the halo except on the first rank
                copyRows(u, local + 1, bottom, 2, 1); // likewise on the last rank
            }
        }

        /** u at the grid's centre, broadcast from the rank that holds it. */
        double centreValue() {
            int ci = grid.nx / 2;
            int size = rows.communicator().size();
            int owner = 0;
            for (int r = 0; r < size; r++) {
                int rlo = 1 + (int) ((long) r * (grid.nx - 2) / size);
                int rhi = 1 + (int) ((long) (r + 1) * (grid.nx - 2) / size);
                if (ci >= rlo && ci < rhi) {
                    owner = r;
                }
            }
            double mine = rows.rank() == owner ? u.get((long) (ci - lo + halo) * grid.ny + grid.ny / 2) : 0;
            return rows.communicator().broadcast(mine, owner);
        }

        /** Gathers the grid on rank 0 and compares it with the whole-grid OpenMP and serial kernels. */
        void check(int steps) {
            run(steps);
            Communicator c = rows.communicator();
            int ny = grid.ny;
            DoubleArray mine = rowsOf(u, halo, local);
            if (rows.rank() != 0) {
                c.send(mine, 0, TAG_GATHER);
                return;
            }
            try (Arena arena = Arena.ofConfined()) {
                long points = (long) grid.nx * ny;
                DoubleArray gathered = DoubleArray.allocate(arena, points);
                DoubleArray whole = DoubleArray.allocate(arena, points);
                DoubleArray serial = DoubleArray.allocate(arena, points);
                DoubleArray scratch = DoubleArray.allocate(arena, points);
                for (int i = 0; i < grid.nx; i++) {
                    for (int j = 0; j < ny; j++) {
                        double v = grid.initial(i, j);
                        gathered.set((long) i * ny + j, v); // boundary rows; the blocks overwrite the rest
                        whole.set((long) i * ny + j, v);
                        serial.set((long) i * ny + j, v);
                    }
                }
                MemorySegment.copy(mine.segment(), 0, gathered.segment(), (long) lo * ny * 8, mine.segment().byteSize());
                int size = c.size();
                for (int r = 1; r < size; r++) {
                    int rlo = 1 + (int) ((long) r * (grid.nx - 2) / size);
                    int rhi = 1 + (int) ((long) (r + 1) * (grid.nx - 2) / size);
                    c.receive(gathered.slice(0, (long) rlo * ny, (long) rhi * ny), r, TAG_GATHER);
                }
                KernelsOmp.heatCOmp(whole.reshape(grid.nx, ny), scratch.reshape(grid.nx, ny), ALPHA, grid.dt, grid.dx, grid.dy,
                        steps, 0);
                Kernels.heatC(serial.reshape(grid.nx, ny), scratch.reshape(grid.nx, ny), ALPHA, grid.dt, grid.dx, grid.dy, steps, 0);
                long differing = 0;
                double maxSerial = 0;
                for (long k = 0; k < points; k++) {
                    if (Double.doubleToRawLongBits(gathered.getFlat(k)) != Double.doubleToRawLongBits(whole.getFlat(k))) {
                        differing++;
                    }
                    maxSerial = Math.max(maxSerial, Math.abs(gathered.getFlat(k) - serial.getFlat(k)));
                }
                System.out.printf(Locale.ROOT, "check: %d of %d points differ from heat_c_omp on the whole grid (%s);"
                        + " max |difference| to the serial heat_c is %.3e%n", differing, points,
                        differing == 0 ? "bit for bit equal" : "NOT bit for bit equal", maxSerial);
            }
        }

        void close() {
            for (PersistentRequest r : exchange) {
                r.close();
            }
        }

        /** Rows {@code [from, from + count)} of a block of rows, as a view (zero copy). */
        private DoubleArray rowsOf(DoubleArray rowsArray, int from, int count) {
            return rowsArray.slice(0, (long) from * grid.ny, (long) (from + count) * grid.ny);
        }

        /** Row {@code i} of a three-row array, as a one-row view (zero copy). */
        private DoubleArray row(DoubleArray rows3, int i) {
            return rows3.slice(0, (long) i * grid.ny, (long) (i + 1) * grid.ny);
        }

        private void copyRows(DoubleArray from, int fromRow, DoubleArray to, int toRow, int count) {
            long bytes = (long) grid.ny * Double.BYTES;
            MemorySegment.copy(from.segment(), fromRow * bytes, to.segment(), toRow * bytes, count * bytes);
        }
    }
}
