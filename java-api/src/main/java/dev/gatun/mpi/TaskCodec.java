// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The bytes {@link MpiExecutor} sends: a task as (id, task), a result as (id, ok, value or failure), written with
 * Java serialization. Peers are the ranks of one job running one program, so the bytes are trusted as much as
 * the program itself; they never come from outside the job.
 */
final class TaskCodec {
    private TaskCodec() {
    }

    /** A decoded task. */
    record Task(long id, MpiTask<?> task) {
    }

    /** A decoded result: {@code value} on success, {@code failure} otherwise. */
    record Result(long id, boolean ok, Object value, Throwable failure) {
    }

    static byte[] encodeTask(long id, MpiTask<?> task) {
        try {
            return encode(id, null, task);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("parameter 'task': it cannot be sent to another rank because "
                    + e.getMessage() + " is not Serializable; capture only serializable values (numbers, strings,"
                    + " records of them) in the lambda", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("parameter 'task': cannot be serialized: " + e, e);
        }
    }

    static Task decodeTask(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = input(bytes)) {
            long id = in.readLong();
            return new Task(id, (MpiTask<?>) in.readObject());
        }
    }

    /** The result, or if it cannot be serialized a failure that says why. */
    static byte[] encodeResult(long id, Object value, int rank) {
        try {
            return encode(id, Boolean.TRUE, value);
        } catch (IOException e) {
            return encodeFailure(id, new IllegalStateException("the task's result (" + value.getClass().getName()
                    + ") cannot be sent back from rank " + rank + ": " + e + "; return a Serializable value"), rank);
        }
    }

    /** The failure itself when it serializes, else its text and stack trace. */
    static byte[] encodeFailure(long id, Throwable failure, int rank) {
        try {
            return encode(id, Boolean.FALSE, failure);
        } catch (IOException e) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            try {
                return encode(id, Boolean.FALSE, new RemoteTaskException(rank, trace.toString(), null));
            } catch (IOException again) {
                throw new UncheckedIOException(again);
            }
        }
    }

    static Result decodeResult(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = input(bytes)) {
            long id = in.readLong();
            boolean ok = in.readBoolean();
            Object value = in.readObject();
            return ok ? new Result(id, true, value, null) : new Result(id, false, null, (Throwable) value);
        }
    }

    /** Copies {@code bytes} off-heap: MPI may block in the send, so it must not read a movable Java array. */
    static MemorySegment offHeap(Arena arena, byte[] bytes) {
        MemorySegment segment = arena.allocate(Math.max(1, bytes.length));
        MemorySegment.copy(bytes, 0, segment, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return segment.asSlice(0, bytes.length);
    }

    private static byte[] encode(long id, Boolean ok, Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeLong(id);
            if (ok != null) {
                out.writeBoolean(ok);
            }
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static ObjectInputStream input(byte[] bytes) throws IOException {
        return new ContextObjectInputStream(new ByteArrayInputStream(bytes));
    }

    /** Resolves classes through the thread's context class loader first: the application's classes live there. */
    private static final class ContextObjectInputStream extends ObjectInputStream {
        ContextObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null) {
                try {
                    return Class.forName(description.getName(), false, context);
                } catch (ClassNotFoundException e) {
                    // fall back to the default resolution (primitives, the caller's loader)
                }
            }
            return super.resolveClass(description);
        }
    }
}
