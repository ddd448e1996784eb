// SPDX-License-Identifier: Apache-2.0
/*
 * gatun_mpi: see gatun_mpi.h. Compiled by mpicc against the local mpi.h (Open MPI or MPICH).
 */
#include "gatun_mpi.h"

#include <mpi.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Communicators Java may hold at once; slots are reused after gatun_mpi_comm_free. */
#define TABLE_SIZE 4096

static MPI_Comm table[TABLE_SIZE];
static int used[TABLE_SIZE];
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

/* Java reads slots without the lock: a slot is written before its index is returned. */
static int comm_of(int index, MPI_Comm *out)
{
    if (index < 0 || index >= TABLE_SIZE || !used[index]) {
        return GATUN_MPI_ERR_COMM_INDEX;
    }
    *out = table[index];
    return MPI_SUCCESS;
}

static int add_comm(MPI_Comm comm, int *index)
{
    int rc = GATUN_MPI_ERR_TABLE_FULL;
    pthread_mutex_lock(&table_lock);
    for (int i = GATUN_MPI_COMM_SELF + 1; i < TABLE_SIZE; i++) {
        if (!used[i]) {
            table[i] = comm;
            used[i] = 1;
            *index = i;
            rc = MPI_SUCCESS;
            break;
        }
    }
    pthread_mutex_unlock(&table_lock);
    return rc;
}

static int type_of(int code, MPI_Datatype *out)
{
    switch (code) {
    case GATUN_MPI_BYTE: *out = MPI_BYTE; return MPI_SUCCESS;
    case GATUN_MPI_INT32: *out = MPI_INT32_T; return MPI_SUCCESS;
    case GATUN_MPI_INT64: *out = MPI_INT64_T; return MPI_SUCCESS;
    case GATUN_MPI_FLOAT: *out = MPI_FLOAT; return MPI_SUCCESS;
    case GATUN_MPI_DOUBLE: *out = MPI_DOUBLE; return MPI_SUCCESS;
    case GATUN_MPI_COMPLEX_DOUBLE: *out = MPI_C_DOUBLE_COMPLEX; return MPI_SUCCESS;
    default: return GATUN_MPI_ERR_TYPE_CODE;
    }
}

static int op_of(int code, MPI_Op *out)
{
    switch (code) {
    case GATUN_MPI_OP_SUM: *out = MPI_SUM; return MPI_SUCCESS;
    case GATUN_MPI_OP_MIN: *out = MPI_MIN; return MPI_SUCCESS;
    case GATUN_MPI_OP_MAX: *out = MPI_MAX; return MPI_SUCCESS;
    case GATUN_MPI_OP_PROD: *out = MPI_PROD; return MPI_SUCCESS;
    default: return GATUN_MPI_ERR_OP_CODE;
    }
}

static int source_of(int source)
{
    return source == GATUN_MPI_ANY_SOURCE ? MPI_ANY_SOURCE : source == GATUN_MPI_PROC_NULL ? MPI_PROC_NULL : source;
}

static int dest_of(int dest)
{
    return dest == GATUN_MPI_PROC_NULL ? MPI_PROC_NULL : dest;
}

/* A rank MPI returns (cart_shift, a status) in Gatun's codes. */
static int rank_code(int rank)
{
    return rank == MPI_PROC_NULL ? GATUN_MPI_PROC_NULL : rank == MPI_ANY_SOURCE ? GATUN_MPI_ANY_SOURCE : rank;
}

static int tag_of(int tag)
{
    return tag == GATUN_MPI_ANY_TAG ? MPI_ANY_TAG : tag;
}

/* status[0..2] = source, tag, count of 'type' (MPI_UNDEFINED when not a whole number). */
static int put_status(const MPI_Status *st, MPI_Datatype type, int *status)
{
    int count = 0;
    int rc = MPI_Get_count(st, type, &count);
    status[0] = rank_code(st->MPI_SOURCE);
    status[1] = st->MPI_TAG == MPI_ANY_TAG ? GATUN_MPI_ANY_TAG : st->MPI_TAG;
    status[2] = count;
    return rc;
}

#define CHECK(call) do { int rc_ = (call); if (rc_ != MPI_SUCCESS) return rc_; } while (0)

int gatun_mpi_shim_version(void)
{
    return GATUN_MPI_SHIM_VERSION;
}

int gatun_mpi_library_version(char *text, int capacity)
{
    char buf[MPI_MAX_LIBRARY_VERSION_STRING];
    int len = 0;
    CHECK(MPI_Get_library_version(buf, &len));
    snprintf(text, (size_t) capacity, "%s", buf);
    return MPI_SUCCESS;
}

int gatun_mpi_version(int *major, int *minor)
{
    return MPI_Get_version(major, minor);
}

/* The standard name of an error class: Open MPI's texts start with it, MPICH's do not. */
static const char *class_name(int cls)
{
#define NAME(c) case c: return #c;
    switch (cls) {
    NAME(MPI_ERR_BUFFER) NAME(MPI_ERR_COUNT) NAME(MPI_ERR_TYPE) NAME(MPI_ERR_TAG) NAME(MPI_ERR_COMM)
    NAME(MPI_ERR_RANK) NAME(MPI_ERR_REQUEST) NAME(MPI_ERR_ROOT) NAME(MPI_ERR_GROUP) NAME(MPI_ERR_OP)
    NAME(MPI_ERR_TOPOLOGY) NAME(MPI_ERR_DIMS) NAME(MPI_ERR_ARG) NAME(MPI_ERR_UNKNOWN) NAME(MPI_ERR_TRUNCATE)
    NAME(MPI_ERR_OTHER) NAME(MPI_ERR_INTERN) NAME(MPI_ERR_IN_STATUS) NAME(MPI_ERR_PENDING) NAME(MPI_ERR_KEYVAL)
    NAME(MPI_ERR_NO_MEM) NAME(MPI_ERR_BASE) NAME(MPI_ERR_INFO_KEY) NAME(MPI_ERR_INFO_VALUE) NAME(MPI_ERR_INFO_NOKEY)
    NAME(MPI_ERR_SPAWN) NAME(MPI_ERR_PORT) NAME(MPI_ERR_SERVICE) NAME(MPI_ERR_NAME) NAME(MPI_ERR_WIN)
    NAME(MPI_ERR_SIZE) NAME(MPI_ERR_DISP) NAME(MPI_ERR_INFO) NAME(MPI_ERR_LOCKTYPE) NAME(MPI_ERR_ASSERT)
    NAME(MPI_ERR_RMA_CONFLICT) NAME(MPI_ERR_RMA_SYNC) NAME(MPI_ERR_FILE) NAME(MPI_ERR_IO)
    default: return NULL;
    }
#undef NAME
}

int gatun_mpi_error_string(int code, char *text, int capacity)
{
    const char *own = NULL;
    switch (code) {
    case GATUN_MPI_ERR_COMM_INDEX: own = "no such communicator in the shim's table (freed, or from another process)"; break;
    case GATUN_MPI_ERR_TYPE_CODE: own = "unknown datatype code (dev.gatun.mpi and the shim disagree)"; break;
    case GATUN_MPI_ERR_OP_CODE: own = "unknown reduction code (dev.gatun.mpi and the shim disagree)"; break;
    case GATUN_MPI_ERR_TABLE_FULL: own = "too many communicators open at once; close() the ones you no longer need"; break;
    case GATUN_MPI_ERR_LEVEL_CODE: own = "unknown thread level code (dev.gatun.mpi and the shim disagree)"; break;
    default: break;
    }
    if (own != NULL) {
        snprintf(text, (size_t) capacity, "%s", own);
        return MPI_SUCCESS;
    }
    char buf[MPI_MAX_ERROR_STRING];
    int len = 0;
    int cls = 0;
    /* Both are callable before MPI_Init and after MPI_Finalize (MPI 3.1, 8.7). */
    if (MPI_Error_string(code, buf, &len) != MPI_SUCCESS) {
        snprintf(buf, sizeof buf, "unknown MPI error");
    }
    char clsbuf[MPI_MAX_ERROR_STRING] = "";
    if (MPI_Error_class(code, &cls) == MPI_SUCCESS && cls != code) {
        int clen = 0;
        if (MPI_Error_string(cls, clsbuf, &clen) != MPI_SUCCESS) {
            clsbuf[0] = '\0';
        }
    }
    /* Lead with the class's standard name, so a message names the error the same way on every MPI. */
    const char *name = MPI_Error_class(code, &cls) == MPI_SUCCESS ? class_name(cls) : NULL;
    char named[MPI_MAX_ERROR_STRING + 32];
    if (name != NULL && strncmp(buf, name, strlen(name)) != 0) {
        snprintf(named, sizeof named, "%s: %s", name, buf);
    } else {
        snprintf(named, sizeof named, "%s", buf);
    }
    if (clsbuf[0] != '\0' && strcmp(clsbuf, buf) != 0) {
        snprintf(text, (size_t) capacity, "%s (class %d: %s)", named, cls, clsbuf);
    } else {
        snprintf(text, (size_t) capacity, "%s", named);
    }
    return MPI_SUCCESS;
}

static int level_of(int code, int *out)
{
    switch (code) {
    case GATUN_MPI_THREAD_SINGLE: *out = MPI_THREAD_SINGLE; return MPI_SUCCESS;
    case GATUN_MPI_THREAD_FUNNELED: *out = MPI_THREAD_FUNNELED; return MPI_SUCCESS;
    case GATUN_MPI_THREAD_SERIALIZED: *out = MPI_THREAD_SERIALIZED; return MPI_SUCCESS;
    case GATUN_MPI_THREAD_MULTIPLE: *out = MPI_THREAD_MULTIPLE; return MPI_SUCCESS;
    default: return GATUN_MPI_ERR_LEVEL_CODE;
    }
}

static int level_code(int level)
{
    if (level == MPI_THREAD_MULTIPLE) return GATUN_MPI_THREAD_MULTIPLE;
    if (level == MPI_THREAD_SERIALIZED) return GATUN_MPI_THREAD_SERIALIZED;
    if (level == MPI_THREAD_FUNNELED) return GATUN_MPI_THREAD_FUNNELED;
    return GATUN_MPI_THREAD_SINGLE;
}

/*
 * MPI_Init_thread, or only the query when something else in the process already initialised MPI.
 * Errors on world and self return codes instead of aborting, so Java can throw with the text.
 */
int gatun_mpi_init(int required, int *provided)
{
    int level = 0;
    int flag = 0;
    CHECK(level_of(required, &level));
    CHECK(MPI_Initialized(&flag));
    int granted = 0;
    if (flag) {
        CHECK(MPI_Query_thread(&granted));
    } else {
        CHECK(MPI_Init_thread(NULL, NULL, level, &granted));
    }
    CHECK(MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN));
    CHECK(MPI_Comm_set_errhandler(MPI_COMM_SELF, MPI_ERRORS_RETURN));
    pthread_mutex_lock(&table_lock);
    table[GATUN_MPI_COMM_WORLD] = MPI_COMM_WORLD;
    table[GATUN_MPI_COMM_SELF] = MPI_COMM_SELF;
    used[GATUN_MPI_COMM_WORLD] = used[GATUN_MPI_COMM_SELF] = 1;
    pthread_mutex_unlock(&table_lock);
    *provided = level_code(granted);
    return MPI_SUCCESS;
}

int gatun_mpi_initialized(int *flag)
{
    return MPI_Initialized(flag);
}

int gatun_mpi_finalized(int *flag)
{
    return MPI_Finalized(flag);
}

int gatun_mpi_finalize(void)
{
    return MPI_Finalize();
}

int gatun_mpi_abort(int comm, int errorcode)
{
    MPI_Comm c;
    if (comm_of(comm, &c) != MPI_SUCCESS) {
        c = MPI_COMM_WORLD;
    }
    return MPI_Abort(c, errorcode);
}

int gatun_mpi_processor_name(char *text, int capacity)
{
    char buf[MPI_MAX_PROCESSOR_NAME];
    int len = 0;
    CHECK(MPI_Get_processor_name(buf, &len));
    snprintf(text, (size_t) capacity, "%s", buf);
    return MPI_SUCCESS;
}

double gatun_mpi_wtime(void)
{
    return MPI_Wtime();
}

int gatun_mpi_comm_rank(int comm, int *rank)
{
    MPI_Comm c;
    CHECK(comm_of(comm, &c));
    return MPI_Comm_rank(c, rank);
}

int gatun_mpi_comm_size(int comm, int *size)
{
    MPI_Comm c;
    CHECK(comm_of(comm, &c));
    return MPI_Comm_size(c, size);
}

int gatun_mpi_world_ranks(int comm, int n, int *world_ranks)
{
    MPI_Comm c;
    MPI_Group group, world;
    CHECK(comm_of(comm, &c));
    int size;
    CHECK(MPI_Comm_size(c, &size));
    if (n != size) {
        return MPI_ERR_COUNT;
    }
    CHECK(MPI_Comm_group(c, &group));
    int rc = MPI_Comm_group(MPI_COMM_WORLD, &world);
    if (rc == MPI_SUCCESS) {
        int *ranks = malloc((size_t) n * sizeof(int));
        if (ranks == NULL) {
            rc = MPI_ERR_NO_MEM;
        } else {
            for (int i = 0; i < n; i++) {
                ranks[i] = i;
            }
            rc = MPI_Group_translate_ranks(group, n, ranks, world, world_ranks);
            free(ranks);
        }
        MPI_Group_free(&world);
    }
    MPI_Group_free(&group);
    return rc;
}

/* A rank passing GATUN_MPI_UNDEFINED as colour takes part but gets *newcomm = -1. */
int gatun_mpi_comm_split(int comm, int color, int key, int *newcomm)
{
    MPI_Comm c;
    MPI_Comm out = MPI_COMM_NULL;
    CHECK(comm_of(comm, &c));
    CHECK(MPI_Comm_split(c, color == GATUN_MPI_UNDEFINED ? MPI_UNDEFINED : color, key, &out));
    *newcomm = -1;
    if (out == MPI_COMM_NULL) {
        return MPI_SUCCESS;
    }
    CHECK(MPI_Comm_set_errhandler(out, MPI_ERRORS_RETURN));
    int rc = add_comm(out, newcomm);
    if (rc != MPI_SUCCESS) {
        MPI_Comm_free(&out);
    }
    return rc;
}

int gatun_mpi_comm_dup(int comm, int *newcomm)
{
    MPI_Comm c;
    MPI_Comm out = MPI_COMM_NULL;
    CHECK(comm_of(comm, &c));
    CHECK(MPI_Comm_dup(c, &out));
    CHECK(MPI_Comm_set_errhandler(out, MPI_ERRORS_RETURN));
    int rc = add_comm(out, newcomm);
    if (rc != MPI_SUCCESS) {
        MPI_Comm_free(&out);
    }
    return rc;
}

int gatun_mpi_comm_free(int comm)
{
    MPI_Comm c;
    if (comm <= GATUN_MPI_COMM_SELF) {
        return GATUN_MPI_ERR_COMM_INDEX;
    }
    CHECK(comm_of(comm, &c));
    int rc = MPI_Comm_free(&c);
    pthread_mutex_lock(&table_lock);
    used[comm] = 0;
    pthread_mutex_unlock(&table_lock);
    return rc;
}

int gatun_mpi_barrier(int comm)
{
    MPI_Comm c;
    CHECK(comm_of(comm, &c));
    return MPI_Barrier(c);
}

int gatun_mpi_send(const void *buf, int count, int type, int dest, int tag, int comm)
{
    MPI_Comm c;
    MPI_Datatype t;
    CHECK(comm_of(comm, &c));
    CHECK(type_of(type, &t));
    return MPI_Send(buf, count, t, dest_of(dest), tag, c);
}

int gatun_mpi_recv(void *buf, int count, int type, int source, int tag, int comm, int *status)
{
    MPI_Comm c;
    MPI_Datatype t;
    MPI_Status st;
    CHECK(comm_of(comm, &c));
    CHECK(type_of(type, &t));
    CHECK(MPI_Recv(buf, count, t, source_of(source), tag_of(tag), c, &st));
    return put_status(&st, t, status);
}

/* The count in status is in bytes: the receiver sizes its buffer from it. */
int gatun_mpi_probe(int source, int tag, int comm, int *status)
{
    MPI_Comm c;
    MPI_Status st;
    CHECK(comm_of(comm, &c));
    CHECK(MPI_Probe(source_of(source), tag_of(tag), c, &st));
    return put_status(&st, MPI_BYTE, status);
}

int gatun_mpi_iprobe(int source, int tag, int comm, int *flag, int *status)
{
    MPI_Comm c;
    MPI_Status st;
    CHECK(comm_of(comm, &c));
    CHECK(MPI_Iprobe(source_of(source), tag_of(tag), c, flag, &st));
    return *flag ? put_status(&st, MPI_BYTE, status) : MPI_SUCCESS;
}

int gatun_mpi_bcast(void *buf, int count, int type, int root, int comm)
{
    MPI_Comm c;
    MPI_Datatype t;
    CHECK(comm_of(comm, &c));
    CHECK(type_of(type, &t));
    return MPI_Bcast(buf, count, t, root, c);
}

/* send == NULL means in place: the root's recv holds its contribution and receives the result. */
int gatun_mpi_reduce(const void *send, void *recv, int count, int type, int op, int root, int comm)
{
    MPI_Comm c;
    MPI_Datatype t;
    MPI_Op o;
    CHECK(comm_of(comm, &c));
    CHECK(type_of(type, &t));
    CHECK(op_of(op, &o));
    return MPI_Reduce(send == NULL ? MPI_IN_PLACE : send, recv, count, t, o, root, c);
}

int gatun_mpi_allreduce(const void *send, void *recv, int count, int type, int op, int comm)
{
    MPI_Comm c;
    MPI_Datatype t;
    MPI_Op o;
    CHECK(comm_of(comm, &c));
    CHECK(type_of(type, &t));
    CHECK(op_of(op, &o));
    return MPI_Allreduce(send == NULL ? MPI_IN_PLACE : send, recv, count, t, o, c);
}

/* count: elements each rank receives; the root's send holds count * size elements. */
int gatun_mpi_scatter(const void *send, void *recv, int count, int type, int root, int comm)
{
    MPI_Comm c;
    MPI_Datatype t;
    CHECK(comm_of(comm, &c));
    CHECK(type_of(type, &t));
    return MPI_Scatter(send, count, t, recv, count, t, root, c);
}

/* count: elements each rank sends; the root's recv holds count * size elements. */
int gatun_mpi_gather(const void *send, void *recv, int count, int type, int root, int comm)
{
    MPI_Comm c;
    MPI_Datatype t;
    CHECK(comm_of(comm, &c));
    CHECK(type_of(type, &t));
    return MPI_Gather(send, count, t, recv, count, t, root, c);
}

int gatun_mpi_allgather(const void *send, void *recv, int count, int type, int comm)
{
    MPI_Comm c;
    MPI_Datatype t;
    CHECK(comm_of(comm, &c));
    CHECK(type_of(type, &t));
    return MPI_Allgather(send, count, t, recv, count, t, c);
}

/* ---- nonblocking and persistent requests ---------------------------------------------------- */

int gatun_mpi_request_bytes(void)
{
    return (int) sizeof(MPI_Request);
}

int gatun_mpi_isend(const void *buf, int count, int type, int dest, int tag, int comm, void *request)
{
    MPI_Comm c;
    MPI_Datatype t;
    CHECK(comm_of(comm, &c));
    CHECK(type_of(type, &t));
    return MPI_Isend(buf, count, t, dest_of(dest), tag, c, (MPI_Request *) request);
}

int gatun_mpi_irecv(void *buf, int count, int type, int source, int tag, int comm, void *request)
{
    MPI_Comm c;
    MPI_Datatype t;
    CHECK(comm_of(comm, &c));
    CHECK(type_of(type, &t));
    return MPI_Irecv(buf, count, t, source_of(source), tag_of(tag), c, (MPI_Request *) request);
}

int gatun_mpi_send_init(const void *buf, int count, int type, int dest, int tag, int comm, void *request)
{
    MPI_Comm c;
    MPI_Datatype t;
    CHECK(comm_of(comm, &c));
    CHECK(type_of(type, &t));
    return MPI_Send_init(buf, count, t, dest_of(dest), tag, c, (MPI_Request *) request);
}

int gatun_mpi_recv_init(void *buf, int count, int type, int source, int tag, int comm, void *request)
{
    MPI_Comm c;
    MPI_Datatype t;
    CHECK(comm_of(comm, &c));
    CHECK(type_of(type, &t));
    return MPI_Recv_init(buf, count, t, source_of(source), tag_of(tag), c, (MPI_Request *) request);
}

int gatun_mpi_start(void *request)
{
    return MPI_Start((MPI_Request *) request);
}

int gatun_mpi_wait(void *request, int type, int *status)
{
    MPI_Datatype t;
    MPI_Status st;
    CHECK(type_of(type, &t));
    CHECK(MPI_Wait((MPI_Request *) request, &st));
    return put_status(&st, t, status);
}

int gatun_mpi_test(void *request, int type, int *flag, int *status)
{
    MPI_Datatype t;
    MPI_Status st;
    CHECK(type_of(type, &t));
    CHECK(MPI_Test((MPI_Request *) request, flag, &st));
    return *flag ? put_status(&st, t, status) : MPI_SUCCESS;
}

/* MPI_Waitall wants the requests side by side; Java's live in separate cells, so they are gathered and put back. */
int gatun_mpi_waitall(int n, void *const *requests, const int *types, int *statuses)
{
    enum { ON_STACK = 64 };
    MPI_Request local[ON_STACK];
    MPI_Status local_st[ON_STACK];
    MPI_Request *reqs = local;
    MPI_Status *sts = local_st;
    if (n > ON_STACK) {
        reqs = malloc(sizeof(MPI_Request) * (size_t) n);
        sts = malloc(sizeof(MPI_Status) * (size_t) n);
        if (reqs == NULL || sts == NULL) {
            free(reqs);
            free(sts);
            return MPI_ERR_NO_MEM;
        }
    }
    for (int i = 0; i < n; i++) {
        reqs[i] = *(MPI_Request *) requests[i];
    }
    int rc = MPI_Waitall(n, reqs, sts);
    for (int i = 0; i < n; i++) {
        *(MPI_Request *) requests[i] = reqs[i];
        if (rc == MPI_SUCCESS) {
            MPI_Datatype t;
            if (type_of(types[i], &t) != MPI_SUCCESS) {
                t = MPI_BYTE;
            }
            put_status(&sts[i], t, statuses + 3 * i);
        }
    }
    if (rc == MPI_ERR_IN_STATUS) {
        for (int i = 0; i < n; i++) {
            if (sts[i].MPI_ERROR != MPI_SUCCESS && sts[i].MPI_ERROR != MPI_ERR_PENDING) {
                rc = sts[i].MPI_ERROR;
                break;
            }
        }
    }
    if (reqs != local) {
        free(reqs);
        free(sts);
    }
    return rc;
}

int gatun_mpi_ibarrier(int comm, void *request)
{
    MPI_Comm c;
    CHECK(comm_of(comm, &c));
    return MPI_Ibarrier(c, (MPI_Request *) request);
}

int gatun_mpi_request_free(void *request)
{
    MPI_Request *r = (MPI_Request *) request;
    return *r == MPI_REQUEST_NULL ? MPI_SUCCESS : MPI_Request_free(r);
}

int gatun_mpi_sendrecv(const void *send, int send_count, int send_type, int dest, int send_tag, void *recv, int recv_count,
                       int recv_type, int source, int recv_tag, int comm, int *status)
{
    MPI_Comm c;
    MPI_Datatype st_type;
    MPI_Datatype rt_type;
    MPI_Status st;
    CHECK(comm_of(comm, &c));
    CHECK(type_of(send_type, &st_type));
    CHECK(type_of(recv_type, &rt_type));
    CHECK(MPI_Sendrecv(send, send_count, st_type, dest_of(dest), send_tag, recv, recv_count, rt_type, source_of(source),
                       tag_of(recv_tag), c, &st));
    return put_status(&st, rt_type, status);
}

/* ---- Cartesian topologies ------------------------------------------------------------------ */

int gatun_mpi_dims_create(int nnodes, int ndims, int *dims)
{
    return MPI_Dims_create(nnodes, ndims, dims);
}

/* Ranks outside the grid (size > product of dims) take part but get *newcomm = -1. */
int gatun_mpi_cart_create(int comm, int ndims, const int *dims, const int *periods, int reorder, int *newcomm)
{
    MPI_Comm c;
    MPI_Comm out = MPI_COMM_NULL;
    CHECK(comm_of(comm, &c));
    CHECK(MPI_Cart_create(c, ndims, (int *) dims, (int *) periods, reorder, &out));
    *newcomm = -1;
    if (out == MPI_COMM_NULL) {
        return MPI_SUCCESS;
    }
    CHECK(MPI_Comm_set_errhandler(out, MPI_ERRORS_RETURN));
    int rc = add_comm(out, newcomm);
    if (rc != MPI_SUCCESS) {
        MPI_Comm_free(&out);
    }
    return rc;
}

int gatun_mpi_cart_coords(int comm, int rank, int ndims, int *coords)
{
    MPI_Comm c;
    CHECK(comm_of(comm, &c));
    return MPI_Cart_coords(c, rank, ndims, coords);
}

int gatun_mpi_cart_rank(int comm, const int *coords, int *rank)
{
    MPI_Comm c;
    CHECK(comm_of(comm, &c));
    return MPI_Cart_rank(c, (int *) coords, rank);
}

int gatun_mpi_cart_shift(int comm, int direction, int disp, int *source, int *dest)
{
    MPI_Comm c;
    CHECK(comm_of(comm, &c));
    CHECK(MPI_Cart_shift(c, direction, disp, source, dest));
    *source = rank_code(*source);
    *dest = rank_code(*dest);
    return MPI_SUCCESS;
}
