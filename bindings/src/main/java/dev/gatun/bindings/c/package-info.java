// SPDX-License-Identifier: Apache-2.0
/**
 * The C frontend of the binding generator: the real preprocessor, a declaration parser, a C
 * declaration tree and System V x86-64 struct layouts.
 *
 * <h2>Pipeline</h2>
 * <pre>{@code
 * PreprocessedSource src = CPreprocessor.fromEnvironment()          // $CC, or cc
 *         .withIncludeDirectory(Path.of("include")).withDefine("NDEBUG", null)
 *         .preprocess(List.of(Path.of("include/mylib.h")));          // cc -E -C -dD ...
 * Diagnostics diagnostics = new Diagnostics();
 * CTranslationUnit unit = CParser.parse(src, diagnostics);          // never throws for header contents
 * CFunction f = unit.function("cuMemAlloc").orElseThrow();          // follows #define aliases (cuMemAlloc_v2)
 * CLayout.StructLayout l = new CLayout(unit).of(unit.struct("CUDA_MEMCPY2D_st").orElseThrow());
 * }</pre>
 * {@link dev.gatun.bindings.c.CPreprocessor} runs the compiler's own preprocessor, so headers are seen
 * exactly as the compiler sees them. Its line markers give every declaration its original
 * {@code file:line:col} and tell the files the user named from the headers they include
 * ({@link dev.gatun.bindings.c.CDeclaration#fromUserFile()}): {@code #include <stdio.h>} inside
 * {@code mylib.h} does not bind stdio. {@link dev.gatun.bindings.c.CParser} reads C11 declarations with
 * the GNU extensions real headers use; unsupported constructs are skipped with a warning, malformed
 * ones with an error, and parsing resumes at the next top-level {@code ;}.
 *
 * <h2>Gatun directives</h2>
 * The binding semantics C cannot express (which pointer is an array of what extent, what is read
 * and what written) are written in comments that start with {@code gatun:}, in f2py's vocabulary.
 * The preprocessor keeps comments ({@code -C}), but does not expand macros inside them.
 *
 * <p><b>Inside a parameter</b>, a comment applies to the parameter it sits in: anywhere between the
 * start of the parameter and the {@code ,} or {@code )} that ends it, or as a {@code //} comment at the
 * end of that parameter's line:
 * <pre>
 * void cos_doubles(double *in /* gatun: in, dimension(size) *&#47;,
 *                  double *out /* gatun: out, dimension(size) *&#47;, int size);
 * void trailing(double *x,   // gatun: in, dimension(len)
 *               size_t len);
 * </pre>
 *
 * <p><b>Before a prototype</b> (or as a {@code //} comment after its {@code ;}), each clause starts
 * with the name of the parameter it applies to; clauses are separated by {@code ;} or written in
 * several comments:
 * <pre>
 * // gatun: a dimension(n,m) intent(inout) order(fortran)
 * // gatun: n hide; m check(m &gt; 0) depend(a)
 * void scale(double *a, int n, int m, double factor);
 * int saxpy(float alpha, const float *d_x, float *d_y, int n); // gatun: d_x device; d_y device
 * </pre>
 *
 * <p>Items are separated by commas or spaces:
 * <table class="striped">
 * <caption>Directive vocabulary</caption>
 * <tr><th>Directive</th><th>Meaning</th><th>Record</th></tr>
 * <tr><td>{@code in}, {@code out}, {@code inout}, {@code hide}</td><td>short for {@code intent(...)}</td>
 *     <td>{@link dev.gatun.bindings.c.CDirective.Intent}</td></tr>
 * <tr><td>{@code intent(in,out,inout,hide,c)}</td><td>f2py's intent flags, combinable</td>
 *     <td>{@link dev.gatun.bindings.c.CDirective.Intent}</td></tr>
 * <tr><td>{@code dimension(n)}, {@code dimension(n, m)}</td><td>the pointer is an array with these
 *     extents (C expressions over the other parameters; {@code *} for unknown)</td>
 *     <td>{@link dev.gatun.bindings.c.CDirective.Dimension}</td></tr>
 * <tr><td>{@code depend(a, b)}</td><td>compute this parameter after those</td>
 *     <td>{@link dev.gatun.bindings.c.CDirective.Depend}</td></tr>
 * <tr><td>{@code check(n > 0)}</td><td>verified before the native call</td>
 *     <td>{@link dev.gatun.bindings.c.CDirective.Check}</td></tr>
 * <tr><td>{@code order(c)}, {@code order(fortran)}</td><td>element order of a multi-dimensional array</td>
 *     <td>{@link dev.gatun.bindings.c.CDirective.Order}</td></tr>
 * <tr><td>{@code device}</td><td>a CUDA device pointer, never a host array</td>
 *     <td>{@link dev.gatun.bindings.c.CDirective.Device}</td></tr>
 * </table>
 * A pointer to numbers with no directive is an array of unknown extent ({@code intent(in)} when it
 * points to {@code const}, else {@code inout}); {@code out} without a dimension makes it f2py's
 * {@code intent(out)} scalar, passed by reference and returned (see {@link dev.gatun.bindings.c.CLowering}).
 * Unknown words, malformed arguments and clauses naming a parameter the prototype does not have are
 * reported as warnings at the position of the word, and ignored.
 *
 * <p>A plain {@code char *} with {@code out} (or {@code inout}) and one extent is a text buffer of that
 * many bytes which the function fills; the binding allocates it and returns the text up to the first NUL.
 * A {@code T **} with {@code out} returns the address the function stores. Extents may name integer
 * macros and enumerators of the headers ({@code dimension(MPI_MAX_LIBRARY_VERSION_STRING)}).
 *
 * <h2>Statuses: library errors as exceptions</h2>
 * {@code status(nc_*) ok(NC_NOERR) names(NC_E*, !NC_ENDIAN_*) message(nc_strerror)}, on a line of a side file or in
 * a {@code gatun:} comment before a declaration, makes the integer results of the functions it matches statuses: the
 * friendly methods throw {@code NativeStatusException} with the status, the header's name for it and the library's
 * text (a {@link dev.gatun.bindings.model.StatusRule}, resolved by {@code pass.StatusResolver}; docs/c-support.md).
 *
 * <h2>Signature files: directives for headers you cannot edit</h2>
 * System headers ({@code mpi.h}, {@code cuda.h}) take their directives from a side file ending in
 * {@code .gatun}, passed on the command line with the headers (f2py's signature-file idea,
 * {@link dev.gatun.bindings.c.SignatureFile}). Each line is a function name, a colon, and the clauses
 * exactly as in a comment before the prototype; {@code #} starts a comment line:
 * <pre>
 * # mpi.gatun
 * MPI_Get_library_version: version out dimension(MPI_MAX_LIBRARY_VERSION_STRING); resultlen out
 * MPI_Get_version: version out; subversion out
 * </pre>
 * <pre>{@code
 * gatun build -m mpi -I $(mpicc --showme:incdirs) -L /usr/lib/x86_64-linux-gnu/openmpi/lib --link-system mpi \
 *     --include 'MPI_Get_library_version,MPI_Get_version' $(mpicc --showme:incdirs)/mpi.h mpi.gatun
 * }</pre>
 * {@code --include}/{@code --exclude} take globs over function names; functions left out are never
 * lowered, so they cost no warnings. {@code --link-system LIB} binds a prebuilt library: when only headers
 * are given, the jar ships no native code and the class loads {@code LIB}'s soname (read from the library's
 * ELF {@code DT_SONAME}, e.g. {@code libopenblas.so.0}) through {@code NativeLibrary.requireSystem}; a soname
 * can be given directly ({@code --link-system libcuda.so.1}) where no development library is installed.
 * With sources, the built library links against {@code LIB} instead.
 *
 * <h2>Structs, unions and callbacks</h2>
 * A struct or union passed by value, returned by value or pointed to by a parameter becomes a nested class
 * of the binding: a {@code LAYOUT} constant ({@code MemoryLayout.structLayout} or {@code unionLayout}) with
 * the offsets and padding gcc computes ({@link dev.gatun.bindings.c.CLayout}), {@code allocate(SegmentAllocator)},
 * {@code of(MemorySegment)} (checked for size and alignment), and a getter and fluent setter per member
 * (indexed for array members, a view for nested structs). Bit-fields and anonymous members get no accessors,
 * with a warning; their bytes stay in the layout, so the struct can still be passed by value. A struct
 * returned by value is allocated in automatic memory. A function pointer parameter becomes a functional
 * interface; each call makes an upcall stub that lives for the duration of the call (a C library that keeps
 * the pointer for later needs a stub from the raw layer with a longer-lived arena). Callbacks receive numbers
 * and addresses ({@code const void *} arrives as a zero-length {@code MemorySegment}).
 */
package dev.gatun.bindings.c;
