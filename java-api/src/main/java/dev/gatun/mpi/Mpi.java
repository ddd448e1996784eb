// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import java.util.Objects;

/**
 * The MPI runtime of this process: start and stop it, its communicators, its version.
 *
 * <p>MPI comes from the system (Open MPI or MPICH) through Gatun's C shim {@code libgatun_mpi.so}, shipped in
 * the jar {@code dev.gatun:gatun-mpi-shim}; run the program under {@code mpirun} (or {@code srun}):
 * {@snippet :
 * // mpirun -np 4 java --enable-native-access=ALL-UNNAMED -cp ... Main
 * ThreadLevel granted = Mpi.init();             // MPI_Init_thread, MULTIPLE requested
 * Communicator world = Mpi.world();
 * double local = compute(world.rank(), world.size());
 * double total = world.allReduce(local, ReduceOp.SUM);
 * Mpi.finalizeMpi();                            // or let the shutdown hook do it
 * }
 *
 * <h2>Failures and exits do not hang the job</h2>
 * {@link #init} installs a default uncaught-exception handler: a rank whose thread dies with an exception prints
 * {@code gatun.mpi: rank R of N failed: ...} with the stack trace and calls {@code MPI_Abort}, so the other ranks
 * are stopped instead of waiting forever in their next collective. Set the system property
 * {@value #ABORT_ON_UNCAUGHT_PROPERTY}{@code =false} to keep the JVM's own handling.
 *
 * <p>A rank that leaves through {@code System.exit} is handled by the shutdown hook, never by a
 * {@code MPI_Finalize} that would wait forever for ranks stuck in a collective:
 * <ul>
 *   <li>{@code System.exit(n)} with {@code n != 0} (or a signal) aborts the job at once
 *       ({@code MPI_Abort} with code {@code n}), printing {@code gatun.mpi: rank R of N called System.exit(n) at ...};</li>
 *   <li>an exit while another thread of the rank is inside a blocking MPI call aborts at once;</li>
 *   <li>{@code System.exit(0)} finalizes only if every rank reaches its own exit or {@link #finalizeMpi} within
 *       {@value #EXIT_TIMEOUT_PROPERTY} seconds (default {@value #DEFAULT_EXIT_TIMEOUT_SECONDS}); otherwise it
 *       aborts the job, naming the rank.</li>
 * </ul>
 * The end of {@code main} (no {@code System.exit}) finalizes as MPI requires, waiting for the other ranks as
 * long as they need: a rank that finishes early is not an error. But a rank that then waits in a call that needs
 * the one that left (a collective on a communicator it belongs to, a receive from it) would wait forever: the
 * rank that leaves tells the others, and a watcher thread in each rank aborts the job when one of its threads
 * still waits in such a call 2 s later, printing {@code gatun.mpi: rank R of N (world) waits in MPI_Barrier
 * (...), which needs rank L of world, but that rank left the job (its main returned) ...}. The same holds for a
 * rank that calls {@link #finalizeMpi} while others still need it. The watcher needs
 * {@link ThreadLevel#MULTIPLE} in the waiting rank (the leaving rank may run at any level);
 * {@code -Dgatun.mpi.leaveWatch=false} turns it off.
 *
 * <h2>Signals</h2>
 * No MCA setting is needed for Java under Open MPI 4.1: Open MPI installs its SIGSEGV/SIGBUS handlers only
 * where no handler exists yet, and the JVM has installed its own before {@code MPI_Init}.
 *
 * <p>This class is thread-safe.
 */
public final class Mpi {
    /** System property: {@code false} stops {@link #init} from installing the abort-on-uncaught-exception handler. */
    public static final String ABORT_ON_UNCAUGHT_PROPERTY = "gatun.mpi.abortOnUncaught";
    /** System property: seconds a rank that called {@code System.exit(0)} waits for the others before aborting. */
    public static final String EXIT_TIMEOUT_PROPERTY = "gatun.mpi.exitTimeout";
    /** The default of {@value #EXIT_TIMEOUT_PROPERTY}. */
    public static final int DEFAULT_EXIT_TIMEOUT_SECONDS = 10;

    private static final Object LOCK = new Object();
    // Guarded by LOCK; read without it through the volatile fields.
    private static volatile ThreadLevel requested;
    private static volatile ThreadLevel granted;
    private static volatile Thread initThread;
    private static volatile Communicator world;
    private static volatile Communicator self;
    private static volatile boolean finalized;
    private static volatile boolean aborting;
    private static volatile int exitCommunicator = -1; // a private duplicate of world for the bounded exit barrier

    private Mpi() {
    }

    /**
     * Starts MPI asking for {@link ThreadLevel#MULTIPLE}, which Java programs want: the JVM has many threads
     * and {@link MpiExecutor} calls MPI from its own.
     *
     * @return the level MPI granted
     * @throws MpiException when {@code MPI_Init_thread} fails
     * @throws dev.gatun.load.NativeLoadException when the shim or the MPI library cannot be loaded
     */
    public static ThreadLevel init() {
        return init(ThreadLevel.MULTIPLE);
    }

    /**
     * Starts MPI ({@code MPI_Init_thread}), sets {@code MPI_ERRORS_RETURN} on world and self, registers a
     * shutdown hook that finalizes MPI if the program did not, and installs the abort-on-uncaught-exception
     * handler (see the class comment). Calling it again returns the level granted the first time; if another
     * library in the process already initialised MPI, Gatun uses that runtime and reports its level.
     *
     * @param level the thread level to request
     * @return the level MPI granted, which may be lower; compare before calling MPI from several threads
     * @throws IllegalStateException when MPI was already finalized (MPI cannot start twice)
     * @throws MpiException when {@code MPI_Init_thread} fails
     */
    public static ThreadLevel init(ThreadLevel level) {
        Objects.requireNonNull(level, "level");
        synchronized (LOCK) {
            if (finalized) {
                throw new IllegalStateException("MPI was already finalized in this process and cannot start again;"
                        + " call Mpi.init() once, at the start of main");
            }
            if (granted != null) {
                return granted;
            }
            Shim.library();
            ThreadLevel provided = ThreadLevel.values()[Shim.init(level.ordinal())];
            requested = level;
            initThread = Thread.currentThread();
            granted = provided;
            world = new Communicator(Shim.COMM_WORLD, "world");
            self = new Communicator(Shim.COMM_SELF, "self");
            exitCommunicator = Shim.commDup(Shim.COMM_WORLD, "init: the communicator of the exit barrier");
            LeaveWatch.start(exitCommunicator, world.rank(), world.size(), provided == ThreadLevel.MULTIPLE);
            ExitStatus.install();
            Runtime.getRuntime().addShutdownHook(new Thread(Mpi::finalizeAtExit, "gatun-mpi-finalize"));
            if (!"false".equalsIgnoreCase(System.getProperty(ABORT_ON_UNCAUGHT_PROPERTY))) {
                installAbortHandler();
            }
            return provided;
        }
    }

    /** {@return whether {@link #init} succeeded and MPI is not yet finalized} */
    public static boolean isInitialized() {
        return granted != null && !finalized;
    }

    /** {@return whether {@link #finalizeMpi()} ran} */
    public static boolean isFinalized() {
        return finalized;
    }

    /**
     * {@return the thread level MPI granted}
     *
     * @throws IllegalStateException before {@link #init}
     */
    public static ThreadLevel threadLevel() {
        requireStarted("threadLevel()");
        return granted;
    }

    /**
     * {@return the thread level {@link #init} requested}
     *
     * @throws IllegalStateException before {@link #init}
     */
    public static ThreadLevel requestedThreadLevel() {
        requireStarted("requestedThreadLevel()");
        return requested;
    }

    /**
     * {@return every process of the job ({@code MPI_COMM_WORLD})}
     *
     * @throws IllegalStateException before {@link #init} or after {@link #finalizeMpi()}
     */
    public static Communicator world() {
        requireActive("world()");
        return world;
    }

    /**
     * {@return this process alone ({@code MPI_COMM_SELF})}
     *
     * @throws IllegalStateException before {@link #init} or after {@link #finalizeMpi()}
     */
    public static Communicator self() {
        requireActive("self()");
        return self;
    }

    /**
     * Stops MPI ({@code MPI_Finalize}). Every rank must call it, after its last MPI call; the shutdown hook
     * calls it for ranks that did not. Calling it again does nothing.
     *
     * @throws MpiException when {@code MPI_Finalize} fails
     */
    public static void finalizeMpi() {
        finalizeMpi(LeaveWatch.REASON_FINALIZE);
    }

    private static void finalizeMpi(int reason) {
        synchronized (LOCK) {
            if (granted == null || finalized) {
                return;
            }
            // Ranks that wait for this one in a call will wait forever: tell them (see LeaveWatch).
            LeaveWatch.leaving(reason);
            // Meets the exit barrier of ranks that called System.exit(0), so that they finalize too.
            Shim.barrierWithin(exitCommunicator, Long.MAX_VALUE / 2_000_000L, "finalizeMpi");
            finalized = true;
            Shim.finalizeMpi();
        }
    }

    /**
     * Aborts the whole job ({@code MPI_Abort} on world) after printing
     * {@code gatun.mpi: rank R of N aborts the job: message} to standard error. Does not return normally.
     *
     * @param errorCode the exit code MPI gives the job (the launcher reports it)
     * @param message   why, printed with the rank
     * @throws IllegalStateException before {@link #init} or after {@link #finalizeMpi()}
     */
    public static void abort(int errorCode, String message) {
        requireActive("abort(...)");
        abortJob(errorCode, world.describe() + " aborts the job: " + message);
    }

    /** What {@link LeaveWatch} calls when a thread waits for a rank that left: ends the job with the message. */
    static void abortFromWatcher(String message) {
        if (!aborting && !finalized) {
            abortJob(1, message);
        }
    }

    /** Prints {@code gatun.mpi: message} (unless null) and ends the job; never returns. */
    private static void abortJob(int errorCode, String message) {
        aborting = true;
        if (message != null) {
            System.err.println("gatun.mpi: " + message);
        }
        System.err.flush();
        int code = errorCode == 0 ? 1 : errorCode;
        // MPI_Abort should not return, nor hang; if it does either, this process must not linger.
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(code);
        }, "gatun-mpi-abort-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Shim.abort(Shim.COMM_WORLD, code);
        Runtime.getRuntime().halt(code);
    }

    /**
     * Loads Gatun's MPI shim, as {@link #init} would, without starting MPI.
     *
     * @return the file of {@code libgatun_mpi.so} in this process (extracted from {@code gatun-mpi-shim}'s jar)
     * @throws dev.gatun.load.NativeLoadException when the shim or the MPI library it links cannot be loaded
     */
    public static java.nio.file.Path shimPath() {
        return Shim.library().path();
    }

    /**
     * {@return the MPI library's own description ({@code MPI_Get_library_version}), e.g. {@code Open MPI v4.1.4, ...}}
     * Callable before {@link #init}.
     */
    public static String libraryVersion() {
        Shim.library();
        return Shim.libraryVersion();
    }

    /** {@return the MPI standard the library implements ({@code MPI_Get_version}), e.g. {@code 3.1}} Callable before {@link #init}. */
    public static String standardVersion() {
        Shim.library();
        int[] v = Shim.version();
        return v[0] + "." + v[1];
    }

    /**
     * {@return this host's name as MPI reports it ({@code MPI_Get_processor_name})}
     *
     * @throws IllegalStateException before {@link #init} or after {@link #finalizeMpi()}
     */
    public static String processorName() {
        requireActive("processorName()");
        return Shim.processorName();
    }

    /**
     * {@return wall-clock seconds from an arbitrary origin ({@code MPI_Wtime})}
     *
     * @throws IllegalStateException before {@link #init} or after {@link #finalizeMpi()}
     */
    public static double wtime() {
        requireActive("wtime()");
        return Shim.wtime();
    }

    /** Called by every communicator operation: MPI must be running, on a thread the granted level allows. */
    static void checkCall(String operation) {
        requireActive(operation);
        if (granted.compareTo(ThreadLevel.FUNNELED) <= 0 && Thread.currentThread() != initThread) {
            throw new IllegalStateException(operation + " called from thread '" + Thread.currentThread().getName()
                    + "', but MPI granted " + granted.mpiName() + ": only the thread that called Mpi.init() ('"
                    + initThread.getName() + "') may call MPI. Request ThreadLevel.MULTIPLE, or call MPI from that thread");
        }
    }

    private static void requireStarted(String what) {
        if (granted == null) {
            throw new IllegalStateException(what + ": MPI is not started; call Mpi.init() first");
        }
    }

    private static void requireActive(String what) {
        requireStarted(what);
        if (finalized) {
            throw new IllegalStateException(what + ": MPI is already finalized (Mpi.finalizeMpi() ran); make every MPI"
                    + " call before it");
        }
    }

    /**
     * The shutdown hook. MPI_Finalize waits for every rank, so calling it blindly hangs the job when this rank
     * leaves while the others wait for it in a collective; see the class comment for what happens instead.
     */
    private static void finalizeAtExit() {
        Integer status = ExitStatus.status();
        String at = ExitStatus.caller() == null ? "" : " at " + ExitStatus.caller();
        String who = world == null ? null : world.describe();
        if (finalized && status != null && status != 0) {
            System.err.println("gatun.mpi: " + who + " called System.exit(" + status + ")" + at + " after MPI_Finalize");
            System.err.flush();
        }
        if (aborting || !isInitialized()) {
            return; // MPI_Abort is taking the job down, or MPI is already finalized
        }
        if (status != null && status != 0) {
            boolean signal = ExitStatus.caller() != null && ExitStatus.caller().contains("java.lang.Terminator");
            abortJob(status, who + (signal ? " was stopped by a signal (exit status " + status + ")" : " called System.exit("
                    + status + ")" + at) + "; aborting the job (MPI_Abort) so that the other ranks do not wait for it");
        }
        int inside = LeaveWatch.threadsInside();
        if (inside > 0) {
            abortJob(1, who + " is exiting" + (status == null ? "" : " (System.exit(" + status + ")" + at + ")") + " while "
                    + inside + " of its threads " + (inside == 1 ? "is" : "are") + " inside a blocking MPI call; aborting the"
                    + " job (MPI_Abort), since MPI_Finalize cannot run then");
        }
        boolean exitCalled = status != null || (initThread != null && initThread.isAlive());
        try {
            if (exitCalled) {
                long seconds = exitTimeoutSeconds();
                synchronized (LOCK) {
                    if (finalized) {
                        return;
                    }
                    LeaveWatch.stop(); // this exit ends the job itself within the timeout: no notice needed
                    if (!Shim.barrierWithin(exitCommunicator, seconds * 1000, "exit")) {
                        abortJob(1, who + " called System.exit(" + (status == null ? "" : status) + ")" + at + ", but the"
                                + " other ranks did not reach their exit or MPI_Finalize within " + seconds + " s ("
                                + EXIT_TIMEOUT_PROPERTY + "); aborting the job (MPI_Abort) so that they do not wait for it");
                    }
                    finalized = true;
                    Shim.finalizeMpi();
                }
            } else {
                finalizeMpi(LeaveWatch.REASON_MAIN_RETURNED);
            }
        } catch (RuntimeException e) {
            System.err.println("gatun.mpi: MPI_Finalize at exit failed: " + e.getMessage());
        }
    }

    private static long exitTimeoutSeconds() {
        String value = System.getProperty(EXIT_TIMEOUT_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_EXIT_TIMEOUT_SECONDS;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds > 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        System.err.println("gatun.mpi: " + EXIT_TIMEOUT_PROPERTY + "=" + value + " is not a positive number of seconds; using "
                + DEFAULT_EXIT_TIMEOUT_SECONDS);
        return DEFAULT_EXIT_TIMEOUT_SECONDS;
    }

    private static void installAbortHandler() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (previous != null) {
                previous.uncaughtException(thread, error);
            }
            if (!isInitialized()) {
                if (previous == null) {
                    error.printStackTrace();
                }
                return;
            }
            aborting = true;
            System.err.println("gatun.mpi: " + world.describe() + " failed: uncaught " + error + " in thread '"
                    + thread.getName() + "'; aborting the job (MPI_Abort) so the other ranks do not wait for it");
            if (previous == null) {
                error.printStackTrace();
            }
            abortJob(1, null);
        });
    }
}
