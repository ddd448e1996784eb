package dev.gatun.bindings.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The procedures one source file (or header) declares.
 *
 * @param source     the file as the user named it
 * @param language   its language
 * @param procedures the procedures it declares, in source order
 */
public record Unit(Path source, Language language, List<Procedure> procedures) {

    /** Validates and copies the components. */
    public Unit {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(language, "language");
        procedures = List.copyOf(procedures);
    }
}
