// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The procedures (and, for Fortran, the {@code COMMON} blocks; for C, the other declarations) one source file or
 * header declares.
 *
 * @param source       the file as the user named it
 * @param language     its language
 * @param procedures   the procedures it declares, in source order
 * @param commons      the {@code COMMON} blocks its program units declare, in source order (one entry
 *                     per unit that names a block); empty for C
 * @param variables    the public variables of the Fortran modules it declares, in source order; empty for C
 * @param declarations what else a C header declares (constants, globals, structs, callbacks, variadics); none for Fortran
 * @param types        the derived types its Fortran modules define, in source order; empty for C
 * @param privates     the private procedures of its Fortran modules: not bound (no shim can {@code use} them), but a
 *                     type-bound procedure bound to one is still called through its binding, with its signature
 */
public record Unit(Path source, Language language, List<Procedure> procedures, List<CommonBlock> commons,
                   List<ModuleVariable> variables, Declarations declarations, List<DerivedType> types, List<Procedure> privates) {

    /** Validates and copies the components. */
    public Unit {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(language, "language");
        procedures = List.copyOf(procedures);
        commons = List.copyOf(commons);
        variables = List.copyOf(variables);
        Objects.requireNonNull(declarations, "declarations");
        types = List.copyOf(types);
        privates = List.copyOf(privates);
    }

    /**
     * A unit without private module procedures.
     *
     * @param source       the file as the user named it
     * @param language     its language
     * @param procedures   the procedures it declares, in source order
     * @param commons      its common blocks
     * @param variables    its module variables
     * @param declarations its C declarations
     * @param types        its derived types
     */
    public Unit(Path source, Language language, List<Procedure> procedures, List<CommonBlock> commons,
            List<ModuleVariable> variables, Declarations declarations, List<DerivedType> types) {
        this(source, language, procedures, commons, variables, declarations, types, List.of());
    }

    /**
     * A unit without derived types.
     *
     * @param source       the file as the user named it
     * @param language     its language
     * @param procedures   the procedures it declares, in source order
     * @param commons      its common blocks
     * @param variables    its module variables
     * @param declarations its C declarations
     */
    public Unit(Path source, Language language, List<Procedure> procedures, List<CommonBlock> commons,
            List<ModuleVariable> variables, Declarations declarations) {
        this(source, language, procedures, commons, variables, declarations, List.of());
    }

    /**
     * A Fortran unit: no C declarations.
     *
     * @param source     the file as the user named it
     * @param language   its language
     * @param procedures the procedures it declares, in source order
     * @param commons    its common blocks
     * @param variables  its module variables
     */
    public Unit(Path source, Language language, List<Procedure> procedures, List<CommonBlock> commons,
            List<ModuleVariable> variables) {
        this(source, language, procedures, commons, variables, Declarations.NONE);
    }

    /**
     * A C unit: no module variables.
     *
     * @param source       the file as the user named it
     * @param language     its language
     * @param procedures   the procedures it declares, in source order
     * @param commons      its common blocks
     * @param declarations its other declarations
     */
    public Unit(Path source, Language language, List<Procedure> procedures, List<CommonBlock> commons,
            Declarations declarations) {
        this(source, language, procedures, commons, List.of(), declarations);
    }

    /**
     * A unit without module variables or declarations.
     *
     * @param source     the file as the user named it
     * @param language   its language
     * @param procedures the procedures it declares, in source order
     * @param commons    its common blocks
     */
    public Unit(Path source, Language language, List<Procedure> procedures, List<CommonBlock> commons) {
        this(source, language, procedures, commons, List.of(), Declarations.NONE);
    }

    /**
     * A unit with C declarations.
     *
     * @param source       the file as the user named it
     * @param language     its language
     * @param procedures   the procedures it declares, in source order
     * @param declarations the header's other declarations
     */
    public Unit(Path source, Language language, List<Procedure> procedures, Declarations declarations) {
        this(source, language, procedures, List.of(), declarations);
    }

    /**
     * A unit of procedures only.
     *
     * @param source     the file as the user named it
     * @param language   its language
     * @param procedures the procedures it declares, in source order
     */
    public Unit(Path source, Language language, List<Procedure> procedures) {
        this(source, language, procedures, List.of(), List.of(), Declarations.NONE);
    }

    /**
     * Returns this unit with other procedures and the same common blocks, variables and declarations (for passes
     * that filter procedures).
     *
     * @param replaced the procedures
     * @return the new unit
     */
    public Unit withProcedures(List<Procedure> replaced) {
        return new Unit(source, language, replaced, commons, variables, declarations, types, privates);
    }
}
