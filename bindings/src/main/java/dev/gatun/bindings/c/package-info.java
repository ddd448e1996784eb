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
 */
package dev.gatun.bindings.c;
