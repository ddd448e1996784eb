// SPDX-License-Identifier: Apache-2.0
package dev.gatun.load;

import java.io.Serial;

/**
 * A symbol is not defined in a loaded native library (nor in the libraries it depends on). The
 * message names the library, its path and the symbol.
 */
public class NativeSymbolNotFoundException extends NativeLoadException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The symbol that was looked up. */
    private final String symbol;

    /**
     * Creates the exception for {@code symbol} missing from {@code library}.
     *
     * @param library the library that was searched
     * @param symbol the symbol that was not found
     */
    public NativeSymbolNotFoundException(NativeLibrary library, String symbol) {
        super("symbol '" + symbol + "' not found in native library " + library.name() + " (" + library.path()
                + "): check the spelling and that the library exports it (nm -D --defined-only " + library.path()
                + "); a Fortran procedure needs bind(C) or a Gatun shim");
        this.symbol = symbol;
    }

    /**
     * The symbol that was looked up.
     *
     * @return the symbol name
     */
    public String symbol() {
        return symbol;
    }
}
