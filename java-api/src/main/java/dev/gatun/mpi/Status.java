// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

/**
 * What {@link Communicator#receive} received, or what {@link Communicator#iprobe} found waiting: from which rank,
 * with which tag, and how much.
 *
 * @param source the sender's rank in the communicator
 * @param tag    the message's tag
 * @param count  from {@code receive}: the number of elements received (at most the receive array's size); from
 *               {@code iprobe}: the message's size in bytes
 */
public record Status(int source, int tag, int count) {
}
