// SPDX-License-Identifier: Apache-2.0
package dev.gatun.load;

import java.io.Serial;
import java.util.Optional;

/**
 * A native function returned a status that its binding declares a failure (a {@code gatun: status(...)} directive):
 * the exception carries the status value, the name the library's own header gives it ({@code NC_ENOTVAR},
 * {@code GSL_EDOM}) and the library's own text for it ({@code nc_strerror}, {@code gsl_strerror}).
 *
 * <p>The message reads {@code nc_inq_varid: NC_ENOTVAR (-49): NetCDF: Variable not found}; without a name the value
 * stands alone ({@code status 2}), without a message function the text is left out.
 */
public class NativeStatusException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The C function that returned the status. */
    private final String function;
    /** The status it returned. */
    private final long status;
    /** The header's constant for the status, or null. */
    private final String statusName;
    /** The library's description of the status, or null. */
    private final String libraryMessage;

    /**
     * Creates the exception for {@code function} returning {@code status}.
     *
     * @param function       the C function that failed
     * @param status         the status it returned
     * @param statusName     the header's constant with that value, or null when none is known
     * @param libraryMessage the library's text for the status, or null when none is known
     */
    public NativeStatusException(String function, long status, String statusName, String libraryMessage) {
        super(function + ": " + (statusName == null ? "status " + status : statusName + " (" + status + ")")
                + (libraryMessage == null || libraryMessage.isEmpty() ? "" : ": " + libraryMessage));
        this.function = function;
        this.status = status;
        this.statusName = statusName;
        this.libraryMessage = libraryMessage;
    }

    /**
     * The C function that returned the status.
     *
     * @return its name
     */
    public String function() {
        return function;
    }

    /**
     * The status the function returned.
     *
     * @return the value, as the function returned it
     */
    public long status() {
        return status;
    }

    /**
     * The name the library's header gives the status.
     *
     * @return the constant's name ({@code NC_ENOTVAR}), or empty when no constant of the directive's
     *         {@code names(...)} has this value
     */
    public Optional<String> statusName() {
        return Optional.ofNullable(statusName);
    }

    /**
     * The library's own description of the status.
     *
     * @return the text of the directive's {@code message(...)} function, or empty when it names none
     */
    public Optional<String> libraryMessage() {
        return Optional.ofNullable(libraryMessage);
    }
}
