// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import dev.gatun.array.NdArray;

/**
 * A send or receive set up once and started many times ({@code MPI_Send_init} / {@code MPI_Recv_init},
 * {@code MPI_Start}), for the same exchange every step of an iteration: the halo rows of a stencil. Each
 * {@link #start()} begins one transfer, completed like any {@link Request} ({@link #await()}, {@link #test()},
 * {@link Request#waitAll}); {@link #close()} frees it ({@code MPI_Request_free}).
 */
public final class PersistentRequest extends Request implements AutoCloseable {
    private boolean closed;

    PersistentRequest(Communicator communicator, int kind, String parameter, NdArray array, MpiBuffer buffer, int peer, int tag) {
        super(communicator, kind, parameter, array, buffer, peer, tag);
    }

    /**
     * Starts one transfer ({@code MPI_Start}).
     *
     * @throws IllegalStateException when the previous transfer has not completed, or after {@link #close()}
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException(description + ": closed; make a new one with sendInit/receiveInit");
        }
        if (isPending()) {
            throw new IllegalStateException(description + ": the previous start() has not completed; await() it first");
        }
        Mpi.checkCall("start");
        activate();
        try {
            Shim.start(cell, where());
        } catch (RuntimeException e) {
            deactivate(); // not started after all: release the pin
            throw e;
        }
    }

    /**
     * Starts every request ({@code MPI_Start} on each).
     *
     * @param requests the requests to start
     */
    public static void startAll(PersistentRequest... requests) {
        for (PersistentRequest r : requests) {
            r.start();
        }
    }

    /**
     * Frees the request ({@code MPI_Request_free}). Closing twice does nothing.
     *
     * @throws IllegalStateException while a started transfer has not completed
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (isPending()) {
            throw new IllegalStateException(description + ": a transfer is pending; await() it before close()");
        }
        closed = true;
        if (Mpi.isInitialized()) {
            Shim.requestFree(cell, where());
        }
    }
}
