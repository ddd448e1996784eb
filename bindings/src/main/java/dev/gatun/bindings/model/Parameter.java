// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.model;

import dev.gatun.bindings.diag.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One dummy argument of a procedure, with the binding semantics f2py gives it.
 *
 * <p>Impossible combinations are rejected when the record is built (an array passed by value, a
 * hidden parameter that is also optional, a device array that is not an array), so passes and
 * emitters never have to second-guess the model.
 *
 * @param name         the name as written
 * @param type         the scalar type, or the element type of an array
 * @param intent       how data flows; {@link Intent#HIDE} removes it from the Java signature
 * @param passing      by value or by reference (Fortran's default is by reference)
 * @param optional     Fortran {@code optional}: may be absent (passed as a null address)
 * @param dimensions   the array's dimensions in source order, empty for a scalar
 * @param order        memory order of a multi-dimensional array
 * @param device       true when the array lives in GPU memory (a CUDA device pointer)
 * @param depends      f2py {@code depend(...)}: parameters whose values this one is computed from
 * @param checks       f2py {@code check(...)}: conditions that must hold before the call
 * @param defaultValue the value used when the parameter is hidden or omitted
 * @param callback     present exactly when the type is a {@link Type.Callback}, for convenience
 * @param retained     a callback the native code keeps after the call returns ({@code retain}): its upcall stub is
 *                     never freed
 * @param position     where it was declared
 */
public record Parameter(
        String name,
        Type type,
        Intent intent,
        Passing passing,
        boolean optional,
        List<Dimension> dimensions,
        ArrayOrder order,
        boolean device,
        List<String> depends,
        List<Expr> checks,
        Optional<Expr> defaultValue,
        Optional<Signature> callback,
        boolean retained,
        SourcePosition position) {

    /** Which way data flows through a parameter (f2py's {@code intent}). */
    public enum Intent {
        /** Read by the native code. */
        IN,
        /** Written by the native code; scalars are returned by the friendly layer. */
        OUT,
        /** Read and written; arrays are updated in place, scalars are returned. */
        INOUT,
        /** Not part of the Java signature: computed from {@code depend}/{@code default} or array shapes. */
        HIDE
    }

    /** How the value reaches the native code. */
    public enum Passing {
        /** The value itself ({@code value} attribute, C scalars). */
        VALUE,
        /** Its address (Fortran's default, arrays, C pointers). */
        REFERENCE
    }

    /** Validates and copies the components. */
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(passing, "passing");
        dimensions = List.copyOf(dimensions);
        Objects.requireNonNull(order, "order");
        depends = List.copyOf(depends);
        checks = List.copyOf(checks);
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(position, "position");
        if (!dimensions.isEmpty() && passing == Passing.VALUE) {
            throw new IllegalArgumentException("parameter '" + name + "': an array cannot be passed by value; drop 'value' or the dimensions");
        }
        if (passing == Passing.VALUE && (intent == Intent.OUT || intent == Intent.INOUT)) {
            throw new IllegalArgumentException("parameter '" + name + "': intent(" + intent.name().toLowerCase(java.util.Locale.ROOT)
                    + ") needs pass-by-reference; drop 'value'");
        }
        if (device && dimensions.isEmpty()) {
            throw new IllegalArgumentException("parameter '" + name + "': only arrays can live in device memory");
        }
        if (optional && intent == Intent.HIDE) {
            throw new IllegalArgumentException("parameter '" + name + "': a hidden parameter cannot also be optional");
        }
        if ((type instanceof Type.Callback cb) != callback.isPresent()
                || (type instanceof Type.Callback cb2 && !cb2.signature().equals(callback.get()))) {
            throw new IllegalArgumentException("parameter '" + name + "': callback signature must match its Callback type");
        }
        if (retained && !(type instanceof Type.Callback)) {
            throw new IllegalArgumentException("parameter '" + name + "': only a callback can be retained");
        }
        for (int i = 0; i < dimensions.size() - 1; i++) {
            if (dimensions.get(i) instanceof Dimension.AssumedSize) {
                throw new IllegalArgumentException("parameter '" + name + "': only the last dimension may be assumed-size (*)");
            }
        }
    }

    /** Returns true when the parameter is an array (has dimensions). */
    public boolean isArray() {
        return !dimensions.isEmpty();
    }

    /**
     * Returns true for an array of {@code character} of length 1 ({@code character, dimension(2, n)}): f2py's
     * {@code 'c'} arrays, bound as arrays of bytes (any rank, zero copy) rather than as strings.
     */
    public boolean isCharacterBytes() {
        return isArray() && type instanceof Type.Character c && c.length() instanceof Expr.IntConst n && n.value() == 1;
    }

    /** Returns true for an array of strings ({@code character(len=5) :: x(m)}): a Java {@code String[]}. */
    public boolean isStringArray() {
        return isArray() && type instanceof Type.Character && !isCharacterBytes();
    }

    /** Returns the array's rank, 0 for a scalar. */
    public int rank() {
        return dimensions.size();
    }

    /** Returns a builder for a scalar {@code intent(in)} parameter passed by reference (Fortran's default). */
    public static Builder builder(String name, Type type, SourcePosition position) {
        return new Builder(name, type, position);
    }

    /** Returns a builder preloaded with this parameter's components, to derive a changed copy. */
    public Builder toBuilder() {
        var b = new Builder(name, type, position).intent(intent).passing(passing).optional(optional)
                .dimensions(dimensions).order(order).device(device).depends(depends).checks(checks).retained(retained);
        defaultValue.ifPresent(b::defaultValue);
        return b;
    }

    /** Builds a {@link Parameter} step by step; the record's validation runs in {@link #build()}. */
    public static final class Builder {
        private final String name;
        private final Type type;
        private final SourcePosition position;
        private Intent intent = Intent.IN;
        private Passing passing = Passing.REFERENCE;
        private boolean optional;
        private List<Dimension> dimensions = List.of();
        private ArrayOrder order = ArrayOrder.FORTRAN;
        private boolean device;
        private List<String> depends = new ArrayList<>();
        private List<Expr> checks = new ArrayList<>();
        private Expr defaultValue;
        private boolean retained;

        private Builder(String name, Type type, SourcePosition position) {
            this.name = name;
            this.type = type;
            this.position = position;
        }

        /** Sets the intent. @param value the intent @return this builder */
        public Builder intent(Intent value) {
            this.intent = value;
            return this;
        }

        /** Sets the passing convention. @param value by value or reference @return this builder */
        public Builder passing(Passing value) {
            this.passing = value;
            return this;
        }

        /** Marks the parameter optional or not. @param value true for optional @return this builder */
        public Builder optional(boolean value) {
            this.optional = value;
            return this;
        }

        /** Sets the dimensions. @param value dimensions in source order @return this builder */
        public Builder dimensions(List<Dimension> value) {
            this.dimensions = List.copyOf(value);
            return this;
        }

        /** Sets the memory order. @param value C or Fortran order @return this builder */
        public Builder order(ArrayOrder value) {
            this.order = value;
            return this;
        }

        /** Marks the array as device memory. @param value true for a device array @return this builder */
        public Builder device(boolean value) {
            this.device = value;
            return this;
        }

        /** Replaces the depend list. @param value parameter names @return this builder */
        public Builder depends(List<String> value) {
            this.depends = new ArrayList<>(value);
            return this;
        }

        /** Replaces the check list. @param value conditions @return this builder */
        public Builder checks(List<Expr> value) {
            this.checks = new ArrayList<>(value);
            return this;
        }

        /** Sets the default value. @param value the expression @return this builder */
        public Builder defaultValue(Expr value) {
            this.defaultValue = value;
            return this;
        }

        /** Marks a callback the native code keeps after the call. @param value true to retain @return this builder */
        public Builder retained(boolean value) {
            this.retained = value;
            return this;
        }

        /** Builds and validates the parameter. @return the parameter */
        public Parameter build() {
            Optional<Signature> callback = type instanceof Type.Callback cb ? Optional.of(cb.signature()) : Optional.empty();
            return new Parameter(name, type, intent, passing, optional, dimensions, order, device, depends, checks,
                    Optional.ofNullable(defaultValue), callback, retained, position);
        }
    }
}
