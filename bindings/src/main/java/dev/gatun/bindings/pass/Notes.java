// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pass;

import dev.gatun.bindings.model.Parameter;
import java.util.List;

/** The notes the passes attach to the model; emitters read them. */
public final class Notes {

    private Notes() {
    }

    /**
     * The Java identifier for a procedure (method) or parameter.
     *
     * @param name a valid Java identifier
     */
    public record JavaName(String name) {
    }

    /**
     * Where a Fortran module procedure appears in Java: in the nested class of its module, and also as a
     * method of the binding class itself when no other procedure has its Java name.
     *
     * @param className the nested class of the module
     * @param method    the method name inside it
     * @param topLevel  true when the binding class has the method too (the name is unique)
     */
    public record Namespace(String className, String method, boolean topLevel) {
    }

    /**
     * A scalar parameter whose value follows from the extent of an array: {@code n} in {@code a(n)} is
     * {@code (a.shape(dimension) * multiplier + offset) / divisor}; for {@code a(n)}, {@code a(0:n-1)} and
     * {@code a(n+1)} the multiplier and divisor are 1, for {@code a(2*n)} the divisor is 2, for
     * {@code a(n/2)} the multiplier is 2 (f2py's linear inverse of the extent).
     *
     * @param array      the array parameter it is inferred from
     * @param dimension  0-based dimension of that array
     * @param offset     added to the scaled extent
     * @param multiplier the extent's factor
     * @param divisor    the divisor of the sum, at least 1
     */
    public record InferredExtent(Parameter array, int dimension, long offset, long multiplier, long divisor) {

        /** Validates the divisor. */
        public InferredExtent {
            if (divisor < 1 || multiplier == 0) {
                throw new IllegalArgumentException("inferred extent of " + array.name() + ": divisor must be >= 1 and multiplier != 0");
            }
        }

        /**
         * {@code n = extent + offset}.
         *
         * @param array     the array parameter it is inferred from
         * @param dimension 0-based dimension of that array
         * @param offset    added to the extent
         */
        public InferredExtent(Parameter array, int dimension, long offset) {
            this(array, dimension, offset, 1, 1);
        }
    }

    /**
     * The name of a procedure's downcall handle constant where the default (its symbol in upper case) would be
     * shared with another symbol that differs only in case.
     *
     * @param name a valid Java identifier
     */
    public record HandleName(String name) {
    }

    /**
     * The procedure a type-bound procedure of a handle type calls, so the handle class gets a method for it.
     *
     * @param procedure the bound specific procedure
     * @param passed    the index of its passed-object dummy, or -1 for {@code nopass} (a static method)
     */
    public record BoundProcedure(dev.gatun.bindings.model.Procedure procedure, int passed) {
    }

    /**
     * Marks a procedure {@link TypeBindingResolver} made for a type-bound procedure of a type in a hierarchy: its shim
     * calls through the binding ({@code call self%area()}), so Fortran's dispatch picks the specific procedure of the
     * object's dynamic type. It has the parameters of a specific procedure, the passed object declared {@code class(owner)}.
     *
     * @param owner   the type whose handle class gets the method (the type that introduces the binding)
     * @param binding the binding's name
     * @param passed  the index of the passed-object dummy
     */
    public record Dispatch(dev.gatun.bindings.model.Type.Derived owner, String binding, int passed) {
    }

    /**
     * The specific bindings a generic binding gets Java overloads for: those whose Java arguments differ (the others were
     * reported, and are called by their own names).
     *
     * @param specifics what each overload calls: a dispatching procedure that calls through the generic name, or a nopass
     *                  specific's own procedure
     */
    public record GenericOverloads(List<BoundProcedure> specifics) {
        /** Copies the list. */
        public GenericOverloads {
            specifics = List.copyOf(specifics);
        }
    }

    /**
     * A procedure whose integer result, or whose {@code int *} parameter, is a status ({@code gatun: status(...)}): the
     * friendly method throws {@code NativeStatusException} for a status its plan does not accept.
     *
     * @param plan      the resolved rule
     * @param parameter the {@code int *} parameter the function stores the status through ({@code param(name)}): the
     *                  friendly method hides it and passes a zeroed scratch int; empty when the result is the status
     */
    public record StatusCheck(StatusPlan plan, java.util.Optional<dev.gatun.bindings.model.Parameter> parameter) {
        /** Checks the components. */
        public StatusCheck {
            java.util.Objects.requireNonNull(plan, "plan");
            java.util.Objects.requireNonNull(parameter, "parameter");
        }
    }

    /**
     * A {@code status(...)} rule resolved against the library, as the emitter needs it.
     *
     * @param index       its number among the library's rules in use (the name of its generated helper)
     * @param rule        the rule as written
     * @param ok          the successful statuses; empty when {@code nonNegative}
     * @param nonNegative every non-negative result is a value the method returns; negative ones fail
     * @param names       status value to the header's constant naming it (the first one, in header order)
     * @param message     the function describing a status, if bound: {@code const char *f(int)} (called through the
     *                    raw layer) or {@code void f(int, char *text)} whose text is an out buffer of known length
     *                    (called through its friendly method, which returns the text)
     */
    public record StatusPlan(int index, dev.gatun.bindings.model.StatusRule rule, List<Long> ok, boolean nonNegative,
                             java.util.Map<Long, String> names, java.util.Optional<dev.gatun.bindings.model.Procedure> message) {
        /** Copies the lists. */
        public StatusPlan {
            ok = List.copyOf(ok);
            names = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(names));
        }
    }

    /**
     * On the library: the procedures {@link TypeBindingResolver} made for dispatching bindings; the emitters bind
     * them as they bind the library's own procedures (a shim, a raw method, a private friendly method).
     *
     * @param procedures the dispatching procedures, each with its {@link Dispatch}
     */
    public record Dispatchers(List<dev.gatun.bindings.model.Procedure> procedures) {
        /** Copies the list. */
        public Dispatchers {
            procedures = List.copyOf(procedures);
        }
    }

    /**
     * The status rules some procedure of the library uses, attached to the library.
     *
     * @param plans the plans, by index
     */
    public record StatusPlans(List<StatusPlan> plans) {
        /** Copies the list. */
        public StatusPlans {
            plans = List.copyOf(plans);
        }
    }

    /**
     * On a {@code type(t)} (not {@code class(t)}) handle parameter whose type has extensions: Fortran takes only an object
     * of exactly type t there, so the friendly method rejects a handle of an extension.
     *
     * @param type the type the object must have exactly
     */
    public record ExactHandle(dev.gatun.bindings.model.Type.Derived type) {
    }

    /**
     * Why a procedure gets no bindings (it was reported as a warning).
     *
     * @param reason what is unsupported
     */
    public record Unsupported(String reason) {
    }

    /**
     * A C function bound in the raw layer only, as jextract binds everything: its checked friendly method is skipped
     * (reported as a warning) because a parameter lacks what a check needs, e.g. the length of a {@code char *} the
     * function writes. Its raw method takes that parameter as a {@code MemorySegment} the caller sizes.
     *
     * @param reason why there is no friendly method
     */
    public record RawOnly(String reason) {
    }

    /**
     * How the procedure is called across the C ABI: the symbol and one slot per native argument.
     *
     * @param symbol     the symbol the downcall binds
     * @param shim       true when the symbol is a generated Fortran shim
     * @param result     what the native function returns
     * @param slots      the native arguments, in order
     */
    public record CallPlan(String symbol, boolean shim, NativeResult result, List<Slot> slots) {
        /** Copies the slot list. */
        public CallPlan {
            slots = List.copyOf(slots);
        }
    }

    /** What the native function returns. */
    public enum NativeResult {
        /** Nothing ({@code void}). */
        VOID,
        /** The procedure's scalar result, by value (logicals as a C int). */
        VALUE,
        /** The result travels through a trailing out-pointer slot ({@link SlotKind#RESULT}). */
        VIA_POINTER
    }

    /** The kinds of native argument slots. */
    public enum SlotKind {
        /** A scalar by value (logicals as C int in shims). */
        VALUE,
        /** The address of a scalar (in the per-thread scratch segment, or null when absent). */
        SCALAR_POINTER,
        /** The address of an array's first element. */
        ARRAY_POINTER,
        /** An array extent, {@code int64_t} by value, for an assumed-shape dimension in a shim. */
        EXTENT,
        /** The address of a character string. */
        STRING_POINTER,
        /** The length of a Fortran character string (of each element of a string array), {@code int64_t} by value. */
        STRING_LENGTH,
        /** A function pointer (upcall stub) for a callback. */
        CALLBACK,
        /**
         * Which copy of its callback variables the shim uses for this call ({@link dev.gatun.load.CallbackSlots}),
         * a C int by value; last, once per shim with callbacks, with no parameter.
         */
        CALLBACK_SLOT,
        /** The address where a shim stores a complex or character function result. */
        RESULT,
        /**
         * The type tag of a {@code class(t)} handle whose type is in a hierarchy ({@code int} by value, after its
         * {@link #OBJECT} slot): the shim makes a pointer of the object's dynamic type from it.
         */
        TYPE_TAG,
        /**
         * The address of a derived-type object passed by reference: a {@code bind(C)} struct's memory (or the first of an
         * array of them), or the Fortran object behind a handle.
         */
        OBJECT
    }

    /**
     * One native argument.
     *
     * @param kind      what it carries
     * @param parameter the model parameter it comes from; null for {@link SlotKind#RESULT}
     * @param dimension the 0-based dimension for {@link SlotKind#EXTENT}, else 0
     */
    public record Slot(SlotKind kind, Parameter parameter, int dimension) {
    }
}
