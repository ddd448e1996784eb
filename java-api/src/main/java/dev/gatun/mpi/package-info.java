// SPDX-License-Identifier: Apache-2.0
/**
 * MPI from Java over the system MPI (Open MPI or MPICH): {@link dev.gatun.mpi.Mpi} starts and stops it,
 * {@link dev.gatun.mpi.Communicator} runs point-to-point and collective operations on Gatun arrays with zero
 * copies, and {@link dev.gatun.mpi.MpiExecutor} runs a bag of tasks over the ranks, like mpi4py's
 * {@code MPICommExecutor}.
 *
 * <p>Java calls a tiny C shim ({@code libgatun_mpi.so} in the jar {@code dev.gatun:gatun-mpi-shim}) compiled by
 * {@code mpicc} against the local {@code mpi.h}; it keeps MPI's handles on its side, so Java never depends on
 * one implementation's handle ABI. Programs run under the MPI launcher, e.g.
 * {@code mpirun -np 4 java --enable-native-access=ALL-UNNAMED -cp ... Main}.
 */
package dev.gatun.mpi;
