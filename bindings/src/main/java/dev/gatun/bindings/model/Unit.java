package dev.gatun.bindings.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The procedures (and, for Fortran, the {@code COMMON} blocks) one source file or header declares.
 *
 * @param source     the file as the user named it
 * @param language   its language
 * @param procedures the procedures it declares, in source order
 * @param commons    the {@code COMMON} blocks its program units declare, in source order (one entry
 *                   per unit that names a block); empty for C
 * @param variables  the public variables of the Fortran modules it declares, in source order; empty for C
 */
public record Unit(Path source, Language language, List<Procedure> procedures, List<CommonBlock> commons,
        List<ModuleVariable> variables) {

    /** Validates and copies the components. */
    public Unit {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(language, "language");
        procedures = List.copyOf(procedures);
        commons = List.copyOf(commons);
        variables = List.copyOf(variables);
    }

    /**
     * A unit without module variables.
     *
     * @param source     the file as the user named it
     * @param language   its language
     * @param procedures the procedures it declares, in source order
     * @param commons    its common blocks
     */
    public Unit(Path source, Language language, List<Procedure> procedures, List<CommonBlock> commons) {
        this(source, language, procedures, commons, List.of());
    }

    /**
     * A unit without common blocks.
     *
     * @param source     the file as the user named it
     * @param language   its language
     * @param procedures the procedures it declares, in source order
     */
    public Unit(Path source, Language language, List<Procedure> procedures) {
        this(source, language, procedures, List.of(), List.of());
    }

    /**
     * Returns this unit with other procedures and the same common blocks and variables (for passes that filter procedures).
     *
     * @param replaced the procedures
     * @return the new unit
     */
    public Unit withProcedures(List<Procedure> replaced) {
        return new Unit(source, language, replaced, commons, variables);
    }
}
