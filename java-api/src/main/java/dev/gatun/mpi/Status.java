package dev.gatun.mpi;

/**
 * What {@link Communicator#receive} received: from which rank, with which tag, and how many elements.
 *
 * @param source the sender's rank in the communicator
 * @param tag    the message's tag
 * @param count  the number of elements received (at most the receive array's size)
 */
public record Status(int source, int tag, int count) {
}
