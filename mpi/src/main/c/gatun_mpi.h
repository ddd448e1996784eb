// SPDX-License-Identifier: Apache-2.0
/*
 * gatun_mpi: the C shim between dev.gatun.mpi (Java, FFM) and the system MPI.
 *
 * Java never sees an MPI handle: communicators are indices into a table kept here, and datatypes,
 * reduction operations and thread levels are Gatun's own small integer codes. So the same Java code
 * runs over Open MPI (handles are pointers) and MPICH (handles are ints); only this file is compiled
 * against the local mpi.h, by mpicc.
 *
 * Every function returns an MPI error code (MPI_SUCCESS = 0) or one of the negative GATUN_MPI_ERR_*
 * codes below for a bad code from Java; gatun_mpi_error_string turns either into text.
 * The codes must match dev.gatun.mpi.Shim.
 */
#ifndef GATUN_MPI_H
#define GATUN_MPI_H

/* The protocol between this shim and dev.gatun.mpi; bump both together. */
#define GATUN_MPI_SHIM_VERSION 3

/* Datatype codes. */
#define GATUN_MPI_BYTE 0
#define GATUN_MPI_INT32 1
#define GATUN_MPI_INT64 2
#define GATUN_MPI_FLOAT 3
#define GATUN_MPI_DOUBLE 4
#define GATUN_MPI_COMPLEX_DOUBLE 5

/* Reduction codes. */
#define GATUN_MPI_OP_SUM 0
#define GATUN_MPI_OP_MIN 1
#define GATUN_MPI_OP_MAX 2
#define GATUN_MPI_OP_PROD 3

/* Thread level codes, in MPI's order. */
#define GATUN_MPI_THREAD_SINGLE 0
#define GATUN_MPI_THREAD_FUNNELED 1
#define GATUN_MPI_THREAD_SERIALIZED 2
#define GATUN_MPI_THREAD_MULTIPLE 3

/* Wildcards and the colour that leaves a rank out of a split. */
#define GATUN_MPI_ANY_SOURCE (-1)
#define GATUN_MPI_ANY_TAG (-1)
#define GATUN_MPI_UNDEFINED (-1)
/* The rank that is nobody (MPI_PROC_NULL): a send to it or a receive from it completes at once. */
#define GATUN_MPI_PROC_NULL (-2)

/* Fixed communicator slots. */
#define GATUN_MPI_COMM_WORLD 0
#define GATUN_MPI_COMM_SELF 1

/* The shim's own errors, negative so they never collide with MPI's codes. */
#define GATUN_MPI_ERR_COMM_INDEX (-1)
#define GATUN_MPI_ERR_TYPE_CODE (-2)
#define GATUN_MPI_ERR_OP_CODE (-3)
#define GATUN_MPI_ERR_TABLE_FULL (-4)
#define GATUN_MPI_ERR_LEVEL_CODE (-5)

int gatun_mpi_shim_version(void);
int gatun_mpi_library_version(char *text, int capacity);
int gatun_mpi_version(int *major, int *minor);
int gatun_mpi_error_string(int code, char *text, int capacity);

int gatun_mpi_init(int required, int *provided);
int gatun_mpi_initialized(int *flag);
int gatun_mpi_finalized(int *flag);
int gatun_mpi_finalize(void);
int gatun_mpi_abort(int comm, int errorcode);
int gatun_mpi_processor_name(char *text, int capacity);
double gatun_mpi_wtime(void);

int gatun_mpi_comm_rank(int comm, int *rank);
int gatun_mpi_comm_size(int comm, int *size);
/* The MPI_COMM_WORLD rank of each of the n members of comm, in comm's rank order. */
int gatun_mpi_world_ranks(int comm, int n, int *world_ranks);
int gatun_mpi_comm_split(int comm, int color, int key, int *newcomm);
int gatun_mpi_comm_dup(int comm, int *newcomm);
int gatun_mpi_comm_free(int comm);

int gatun_mpi_barrier(int comm);
int gatun_mpi_send(const void *buf, int count, int type, int dest, int tag, int comm);
int gatun_mpi_recv(void *buf, int count, int type, int source, int tag, int comm, int *status);
int gatun_mpi_probe(int source, int tag, int comm, int *status);
int gatun_mpi_iprobe(int source, int tag, int comm, int *flag, int *status);

int gatun_mpi_bcast(void *buf, int count, int type, int root, int comm);
int gatun_mpi_reduce(const void *send, void *recv, int count, int type, int op, int root, int comm);
int gatun_mpi_allreduce(const void *send, void *recv, int count, int type, int op, int comm);
int gatun_mpi_scatter(const void *send, void *recv, int count, int type, int root, int comm);
int gatun_mpi_gather(const void *send, void *recv, int count, int type, int root, int comm);
int gatun_mpi_allgather(const void *send, void *recv, int count, int type, int comm);


/*
 * Nonblocking and persistent requests. Java owns the memory of each MPI_Request (gatun_mpi_request_bytes()
 * bytes, so the shim keeps no table and no lock); 'request' points to it. Statuses are the same triple as
 * gatun_mpi_recv's, the count in elements of 'type'.
 */
int gatun_mpi_request_bytes(void);
int gatun_mpi_isend(const void *buf, int count, int type, int dest, int tag, int comm, void *request);
int gatun_mpi_irecv(void *buf, int count, int type, int source, int tag, int comm, void *request);
int gatun_mpi_send_init(const void *buf, int count, int type, int dest, int tag, int comm, void *request);
int gatun_mpi_recv_init(void *buf, int count, int type, int source, int tag, int comm, void *request);
int gatun_mpi_start(void *request);
int gatun_mpi_wait(void *request, int type, int *status);
int gatun_mpi_test(void *request, int type, int *flag, int *status);
int gatun_mpi_waitall(int n, void *const *requests, const int *types, int *statuses);
int gatun_mpi_request_free(void *request);
int gatun_mpi_ibarrier(int comm, void *request);
int gatun_mpi_sendrecv(const void *send, int send_count, int send_type, int dest, int send_tag, void *recv, int recv_count,
                       int recv_type, int source, int recv_tag, int comm, int *status);

/* Cartesian topologies. */
int gatun_mpi_dims_create(int nnodes, int ndims, int *dims);
int gatun_mpi_cart_create(int comm, int ndims, const int *dims, const int *periods, int reorder, int *newcomm);
int gatun_mpi_cart_coords(int comm, int rank, int ndims, int *coords);
int gatun_mpi_cart_rank(int comm, const int *coords, int *rank);
int gatun_mpi_cart_shift(int comm, int direction, int disp, int *source, int *dest);

#endif
