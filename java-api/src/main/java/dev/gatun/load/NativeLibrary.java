// SPDX-License-Identifier: Apache-2.0
package dev.gatun.load;

import dev.gatun.internal.load.Dlfcn;
import dev.gatun.internal.load.ElfCheck;
import dev.gatun.internal.load.LibraryCache;
import dev.gatun.internal.load.LibrarySet;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A native shared library loaded into this JVM, with symbol lookup and downcall handles.
 *
 * <p>Libraries come from three places:
 * <ul>
 *   <li>{@link #load(Class, String)}: a jar on the class path ships {@code META-INF/native/<os>-<arch>/}
 *       with the libraries and a {@code SHA256SUMS} list. The whole list is extracted into one
 *       directory of a per-user cache ({@value #CACHE_DIR_PROPERTY}, default {@code $XDG_CACHE_HOME/gatun}
 *       or {@code ~/.cache/gatun}), named by the SHA-256 of the list, so the files keep their sonames and
 *       {@code $ORIGIN} rpaths between them work. Every file's hash is checked before it is first loaded,
 *       and again whenever the file changed since (its {@code stat} identity is recorded). Sets no JVM has
 *       used for 30 days ({@code gatun.cache.maxAgeDays}) are removed, never one a running JVM uses.
 *       Setting {@value #LIBRARY_PATH_PROPERTY} to one or more directories (separated by
 *       {@link File#pathSeparator}) loads {@code lib<name>.so} from there instead, with no extraction.</li>
 *   <li>{@link #load(Path)}: a library file on disk.</li>
 *   <li>{@link #loadSystem(String...)}: a system library by soname, found the way the dynamic loader
 *       finds it, which returns the copy already in the process if a kernel pulled it in.</li>
 * </ul>
 *
 * <p>Libraries are opened with {@code RTLD_NOW | RTLD_LOCAL} and never unloaded: they live as long as
 * the JVM, like the {@linkplain java.lang.foreign.Arena#global() global arena}. Loading a file twice
 * returns the same instance. This class is thread-safe.
 */
public final class NativeLibrary {
    /** System property: the cache directory that libraries from jars are extracted into. */
    public static final String CACHE_DIR_PROPERTY = LibraryCache.CACHE_DIR_PROPERTY;
    /** System property: directories to load {@code lib<name>.so} from directly, skipping extraction. */
    public static final String LIBRARY_PATH_PROPERTY = LibraryCache.LIBRARY_PATH_PROPERTY;

    private static final String NATIVE_ROOT = "META-INF/native/";
    private static final String SUMS = "SHA256SUMS";
    /** Suffix of the note {@code gatun:compile} ships instead of a library it skipped. */
    private static final String SKIPPED_SUFFIX = ".skipped";
    private static final Object LOCK = new Object();
    // Guarded by LOCK.
    private static final Map<Path, NativeLibrary> BY_PATH = new HashMap<>();
    private static final List<NativeLibrary> LOADED = new ArrayList<>();

    private final String name;
    private final Path path;
    private final String sha256;
    /** The {@code dlopen} handle when Gatun opened the library itself, else null. */
    private final MemorySegment handle;
    /** The JDK's lookup when it opened the library (a library that binds now), else null. */
    private final SymbolLookup jdkLookup;

    private NativeLibrary(String name, Path path, String sha256, MemorySegment handle, SymbolLookup jdkLookup) {
        this.name = name;
        this.path = path;
        this.sha256 = sha256;
        this.handle = handle;
        this.jdkLookup = jdkLookup;
    }

    /**
     * Loads {@code lib<name>.so} shipped in a jar that {@code anchor}'s class loader sees, extracting
     * its library set into the cache first, or from {@value #LIBRARY_PATH_PROPERTY} when that is set.
     * The anchor's own jar is searched first, so two jars that each ship a {@code lib<name>.so} each
     * load their own, in any class-path order.
     *
     * @param anchor a class whose class loader sees the jar, usually the generated binding class
     * @param name the library name without {@code lib} and {@code .so}, e.g. {@code "greet"}
     * @return the loaded library; the same instance on every call
     * @throws NativeLoadException when the library is not shipped for this platform, the cache is unsafe or
     *     unwritable, a hash does not match, or the dynamic loader refuses it; the message says what to set
     */
    public static NativeLibrary load(Class<?> anchor, String name) {
        dev.gatun.profile.Profiling.startFromProperty(); // -Dgatun.profile=FILE.jfr records the native calls
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains("/") || name.contains(File.separator)) {
            throw new IllegalArgumentException("name: expected a library name like \"greet\" for libgreet.so, got \""
                    + name + "\"");
        }
        String fileName = System.mapLibraryName(name);
        String libraryPath = System.getProperty(LIBRARY_PATH_PROPERTY);
        if (libraryPath != null && !libraryPath.isBlank()) {
            return loadFromLibraryPath(libraryPath, fileName);
        }
        Platform platform = Platform.current();
        String base = NATIVE_ROOT + platform.id() + "/";
        ClassLoader loader = anchor.getClassLoader() != null ? anchor.getClassLoader()
                : ClassLoader.getSystemClassLoader();
        JarLibrarySet found = findSet(loader, base, fileName, anchor);
        synchronized (LOCK) {
            LibraryCache cache = new LibraryCache(LibraryCache.configuredRoot());
            Path target = cache.root().resolve(found.set.id()).resolve(fileName);
            NativeLibrary existing = BY_PATH.get(target);
            if (existing != null) {
                return existing;
            }
            // Verify (and repair) the whole set on every first load of a file: its dependencies are in it.
            LibraryCache.Extracted extracted = cache.extract(found.set, found); // no method reference: a lambda class to spin at every start
            return register(fileName, extracted.directory().resolve(fileName), found.set.files().get(fileName),
                    extracted.headers().get(fileName));
        }
    }

    /**
     * Loads a library file from disk as it is: no extraction and no hash. Its ELF headers are checked
     * first, so a truncated or non-ELF file is an exception, not a crash of the JVM inside the loader.
     *
     * @param file the shared library, e.g. {@code build/libkernels.so}
     * @return the loaded library; the same instance for the same file
     * @throws NativeLoadException when the file does not exist, is not a whole ELF shared library for this
     *     machine, or the dynamic loader refuses it
     */
    public static NativeLibrary load(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new NativeLoadException("native library file " + file.toAbsolutePath()
                    + " does not exist or is not a regular file; build it first or fix the path");
        }
        synchronized (LOCK) {
            return register(file.getFileName().toString(), file, null, null);
        }
    }

    /**
     * Loads the first of {@code sonames} that the dynamic loader can open, searched as the loader searches
     * ({@code LD_LIBRARY_PATH}, the ld.so cache, system directories). A library already in the process,
     * e.g. {@code libgomp.so.1} pulled in by an OpenMP kernel, is returned rather than loaded again.
     *
     * @param sonames candidate sonames in order of preference, e.g. {@code "libopenblas.so.0", "libblas.so.3"}
     * @return the first that loads, or empty when none does
     */
    public static Optional<NativeLibrary> loadSystem(String... sonames) {
        return openSystem(false, sonames).library;
    }

    /**
     * Like {@link #loadSystem(String...)} but fails with every loader message when none loads.
     *
     * @param sonames candidate sonames in order of preference
     * @return the first that loads
     * @throws NativeLoadException listing each soname and why the dynamic loader refused it
     */
    public static NativeLibrary requireSystem(String... sonames) {
        SystemAttempt attempt = openSystem(false, sonames);
        return attempt.library.orElseThrow(() -> new NativeLoadException("none of " + String.join(", ", sonames)
                + " could be loaded: " + String.join("; ", attempt.errors)
                + "; install the library or add its directory to LD_LIBRARY_PATH"));
    }

    /**
     * The first of {@code sonames} that is already loaded in this process (by anyone, e.g. as a dependency
     * of a kernel library); loads nothing ({@code RTLD_NOLOAD}).
     *
     * @param sonames candidate sonames in order of preference
     * @return the first already loaded, or empty
     */
    public static Optional<NativeLibrary> findLoadedSystem(String... sonames) {
        return openSystem(true, sonames).library;
    }

    /**
     * Every library loaded through this class, in load order.
     *
     * @return an immutable snapshot
     */
    public static List<NativeLibrary> loaded() {
        synchronized (LOCK) {
            return List.copyOf(LOADED);
        }
    }

    /**
     * The cache directory that {@link #load(Class, String)} would extract into now (it may not exist yet).
     *
     * @return {@value #CACHE_DIR_PROPERTY}, else {@code $XDG_CACHE_HOME/gatun}, else {@code ~/.cache/gatun}
     */
    public static Path cacheDirectory() {
        return LibraryCache.configuredRoot();
    }

    /**
     * The library's file name, e.g. {@code libgreet.so}, or the soname it was loaded by.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The file the dynamic loader mapped.
     *
     * @return the library's path (for system libraries, the path the loader chose)
     */
    public Path path() {
        return path;
    }

    /**
     * The verified SHA-256 of the file, known for libraries extracted from a jar.
     *
     * @return lowercase hex SHA-256, or empty for files and system libraries loaded as they are
     */
    public Optional<String> sha256() {
        return Optional.ofNullable(sha256);
    }

    /**
     * The address of {@code symbol}, searched in this library and the libraries it depends on.
     *
     * @param symbol the exported symbol name, e.g. {@code "dgemm_"}
     * @return a zero-length segment at the symbol's address
     * @throws NativeSymbolNotFoundException naming this library, its path and the symbol
     */
    public MemorySegment find(String symbol) {
        return lookup(symbol).orElseThrow(() -> new NativeSymbolNotFoundException(this, symbol));
    }

    /**
     * The address of {@code symbol}, if this library or one it depends on defines it.
     *
     * @param symbol the exported symbol name
     * @return a zero-length segment at the symbol's address, or empty
     */
    public Optional<MemorySegment> lookup(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        return jdkLookup != null ? jdkLookup.find(symbol) : Dlfcn.symbol(handle, symbol);
    }

    /**
     * This library as a {@link SymbolLookup}, for code that takes one (e.g. jextract output).
     *
     * @return a lookup backed by {@link #lookup(String)}
     */
    public SymbolLookup symbolLookup() {
        return this::lookup;
    }

    /**
     * A downcall handle for {@code symbol}.
     *
     * @param symbol the exported function name
     * @param descriptor the C signature
     * @param options linker options, e.g. {@link Linker.Option#critical(boolean)}
     * @return the method handle
     * @throws NativeSymbolNotFoundException when the symbol is not defined
     */
    @SuppressWarnings("restricted") // the point of this class; native access is enabled for the module
    public MethodHandle downcall(String symbol, FunctionDescriptor descriptor, Linker.Option... options) {
        Objects.requireNonNull(descriptor, "descriptor");
        return Linker.nativeLinker().downcallHandle(find(symbol), descriptor, options);
    }

    @Override
    public String toString() {
        return "NativeLibrary[" + name + " at " + path + (sha256 == null ? "" : ", sha256 " + sha256) + "]";
    }

    private static NativeLibrary loadFromLibraryPath(String libraryPath, String fileName) {
        for (String entry : libraryPath.split(File.pathSeparator)) {
            if (!entry.isBlank() && Files.isRegularFile(Path.of(entry, fileName))) {
                String verified = verifyAgainstListBeside(Path.of(entry, fileName));
                synchronized (LOCK) {
                    return register(fileName, Path.of(entry, fileName), verified, null);
                }
            }
        }
        throw new NativeLoadException("-D" + LIBRARY_PATH_PROPERTY + "=" + libraryPath + " is set but no directory in it"
                + " holds " + fileName + "; copy the library there, or clear " + LIBRARY_PATH_PROPERTY
                + " to extract it from its jar");
    }

    /**
     * A directory of {@value #LIBRARY_PATH_PROPERTY} that holds a {@code SHA256SUMS} (e.g. a jar's native
     * directory unpacked) gets the same check as extraction: the file must have the listed hash.
     *
     * @return the verified hash, or null when no list there names the file
     */
    private static String verifyAgainstListBeside(Path file) {
        Path sums = file.resolveSibling(SUMS);
        if (!Files.isRegularFile(sums)) {
            return null;
        }
        try {
            String expected = LibrarySet.parse(Files.readAllBytes(sums), sums.toString()).files().get(file.getFileName().toString());
            if (expected == null) {
                return null;
            }
            String actual = LibraryCache.sha256(file);
            if (!actual.equals(expected)) {
                throw new NativeLoadException("native library " + file + " has SHA-256 " + actual + " but " + sums + " lists "
                        + expected + ": the file is corrupt, truncated or was replaced; copy it again or fix the list");
            }
            return actual;
        } catch (IllegalArgumentException e) {
            throw new NativeLoadException("malformed " + sums + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new NativeLoadException("cannot verify " + file + " against " + sums + " (" + e + ")", e);
        }
    }

    /** One jar's {@code SHA256SUMS} listing the wanted file, and where its files are. */
    private record JarLibrarySet(LibrarySet set, String baseUrl) implements LibraryCache.Source {
        @Override
        public InputStream open(String fileName) throws IOException {
            URL url = URI.create(baseUrl + fileName).toURL();
            var connection = url.openConnection();
            connection.setUseCaches(false); // do not keep the jar open for the JVM's lifetime
            return connection.getInputStream();
        }
    }

    /**
     * Several jars may each ship a set for this platform, and two may list a library of the same name:
     * the set in the anchor's own jar (its code source) wins whatever the class-path order; only when that
     * jar ships no such library (bindings in one jar, natives in another) is the first other set listing it used.
     */
    private static JarLibrarySet findSet(ClassLoader loader, String base, String fileName, Class<?> anchor) {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        String own = codeSourcePrefix(location);
        JarLibrarySet mine = own == null ? null : fromOwnJar(location, own, base, fileName);
        return mine != null ? mine : searchLoader(loader, base, fileName, anchor, own);
    }

    /**
     * The set in the anchor's own jar, read from the jar file directly, or null when the anchor's code source is
     * not a jar file or its set does not list {@code fileName}. The fast path of every start: the class loader's
     * zip classes are loaded and the JDK shares the jar it already has open, where a resource URL would load the
     * {@code jar:} URL handler's classes (a dozen, with a connection and a second view of the jar) first.
     */
    private static JarLibrarySet fromOwnJar(URL location, String own, String base, String fileName) {
        Path jar = jarFile(location);
        if (jar == null) {
            return null;
        }
        byte[] content;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(base + SUMS);
            if (entry == null) {
                return null;
            }
            try (InputStream in = zip.getInputStream(entry)) {
                content = in.readAllBytes();
            }
        } catch (IOException e) {
            return null; // the class loader's search below reads it again and reports what fails
        }
        String origin = own + base + SUMS;
        LibrarySet set = parseSet(content, origin);
        return set.files().containsKey(fileName) ? new JarLibrarySet(set, own + base) : null;
    }

    /** The code source {@code location} as a jar file on disk, or null (a directory, another URL scheme). */
    private static Path jarFile(URL location) {
        if (!"file".equals(location.getProtocol()) || location.getPath().endsWith("/")) {
            return null;
        }
        try {
            // URI.create, not URL.toURI: no checked exception whose class the verifier would load at every start.
            Path file = Path.of(URI.create(location.toExternalForm()));
            return Files.isRegularFile(file) ? file : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Every set the class loader sees, in class-path order: the anchor's own first if it lists the file. */
    private static JarLibrarySet searchLoader(ClassLoader loader, String base, String fileName, Class<?> anchor,
            String own) {
        List<String> seen = new ArrayList<>();
        JarLibrarySet other = null;
        try {
            for (URL url : Collections.list(loader.getResources(base + SUMS))) {
                String external = url.toExternalForm();
                boolean mine = own != null && external.startsWith(own);
                if (!mine && other != null) {
                    continue; // an earlier jar already offers it; only the anchor's own could still win
                }
                LibrarySet set = readSet(url);
                if (set.files().containsKey(fileName)) {
                    var found = new JarLibrarySet(set, external.substring(0, external.length() - SUMS.length()));
                    if (mine) {
                        return found;
                    }
                    other = found;
                } else {
                    seen.add(external);
                }
            }
        } catch (IOException e) {
            throw new NativeLoadException("cannot read " + base + SUMS + " through the class loader of "
                    + anchor.getName() + " (" + e + ")", e);
        }
        if (other != null) {
            return other;
        }
        throw new NativeLoadException("no " + base + SUMS + " visible to the class loader of " + anchor.getName()
                + " lists " + fileName + (seen.isEmpty() ? "" : " (searched " + String.join(", ", seen) + ")")
                + skippedAtBuild(loader, base, fileName)
                + ": put the jar built for " + base.substring(NATIVE_ROOT.length(), base.length() - 1)
                + " on the class path, or set -D" + LIBRARY_PATH_PROPERTY + "=<directory holding " + fileName + ">");
    }

    private static LibrarySet readSet(URL url) throws IOException {
        byte[] content;
        try (InputStream in = url.openStream()) {
            content = in.readAllBytes();
        }
        return parseSet(content, url.toExternalForm());
    }

    private static LibrarySet parseSet(byte[] content, String origin) {
        try {
            return LibrarySet.parse(content, origin);
        } catch (IllegalArgumentException e) {
            throw new NativeLoadException("malformed " + SUMS + ": " + e.getMessage() + "; rebuild the jar that holds it", e);
        }
    }

    /**
     * How resources of the anchor's own jar or directory begin ({@code jar:file:/x.jar!/} or
     * {@code file:/x/classes/}), or null when its code source is unknown (e.g. a class defined at run time).
     */
    private static String codeSourcePrefix(URL location) {
        if (location == null) {
            return null;
        }
        String external = location.toExternalForm();
        return external.endsWith("/") ? external : "jar:" + external + "!/";
    }

    /**
     * The reason a library is absent when the plugin skipped it: {@code gatun:compile} under
     * {@code <missingCompiler>SKIP</missingCompiler>} leaves a {@code <file>.skipped} note saying why.
     */
    private static String skippedAtBuild(ClassLoader loader, String base, String fileName) {
        URL note = loader.getResource(base + fileName + SKIPPED_SUFFIX);
        if (note == null) {
            return "";
        }
        try (InputStream in = note.openStream()) {
            return ". " + fileName + " was skipped when its jar was built: "
                    + new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip()
                    + "; rebuild that jar where the compiler is installed";
        } catch (IOException e) {
            return ". " + fileName + " was skipped when its jar was built (" + note + ")";
        }
    }

    /**
     * Opens {@code file} unless it is open already. {@code headers} is what {@link ElfCheck} said of the file
     * when the cache verified it (the file is unchanged since), or null to inspect it now. Caller holds LOCK.
     */
    private static NativeLibrary register(String name, Path file, String sha256, ElfCheck.Inspection headers) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw new NativeLoadException("native library file " + file + " cannot be resolved (" + e + ")", e);
        }
        NativeLibrary existing = BY_PATH.get(real);
        if (existing != null) {
            BY_PATH.putIfAbsent(file.toAbsolutePath().normalize(), existing);
            return existing;
        }
        // A truncated library is a SIGBUS inside dlopen, not an error it returns: check before the loader maps it.
        ElfCheck.Inspection inspection = headers;
        if (inspection == null) {
            try {
                inspection = ElfCheck.inspect(real);
            } catch (IOException e) {
                throw new NativeLoadException("cannot read native library " + real + " (" + e + ")", e);
            }
        }
        if (inspection.problem() != null) {
            throw new NativeLoadException("cannot load native library " + real + ": it " + inspection.problem()
                    + "; rebuild it or copy it again" + (sha256 == null ? "" : " (its jar's SHA256SUMS matched: the jar was built"
                    + " with a broken library)"));
        }
        if (inspection.bindsNow()) {
            // Linked with -z now (as Gatun builds every library): the loader resolves all its symbols at dlopen in
            // any mode, so the JDK's lazy dlopen is as safe as RTLD_NOW, and it needs no downcall handles of ours,
            // whose three shapes were a third of Gatun's start-up. Dlfcn below still explains a refusal.
            SymbolLookup lookup = jdkOpen(real);
            if (lookup != null) {
                return registered(new NativeLibrary(name, real, sha256, null, lookup), file, real);
            }
        }
        Dlfcn.Result opened = Dlfcn.open(real.toString(), false);
        if (!opened.ok()) {
            throw new NativeLoadException(explainOpenFailure(real, opened.error(), sha256 != null));
        }
        return registered(new NativeLibrary(name, real, sha256, opened.handle(), null), file, real);
    }

    /** The JDK's lookup over {@code file}, or null when it refuses the file (its message names no cause). */
    @SuppressWarnings("restricted") // native access is enabled for this module
    private static SymbolLookup jdkOpen(Path file) {
        try {
            return SymbolLookup.libraryLookup(file, Arena.global());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // Caller holds LOCK.
    private static NativeLibrary registered(NativeLibrary library, Path file, Path real) {
        BY_PATH.put(real, library);
        BY_PATH.putIfAbsent(file.toAbsolutePath().normalize(), library); // the path callers ask by
        LOADED.add(library);
        return library;
    }

    private static String explainOpenFailure(Path file, String error, boolean extracted) {
        String message = "cannot load native library " + file + ": " + error;
        if (error.contains("failed to map segment")) {
            // mmap(PROT_EXEC) is refused: the file system is mounted noexec (common for /tmp and some homes).
            return message + ". Its directory is probably on a file system mounted noexec; set -D"
                    + CACHE_DIR_PROPERTY + "=<a directory on a file system that allows executables>"
                    + " or -D" + LIBRARY_PATH_PROPERTY + "=<directory with the libraries>";
        }
        if (error.contains("cannot open shared object file")) {
            return message + ". A library it depends on is missing; install it or add its directory to"
                    + " LD_LIBRARY_PATH" + (extracted ? " (or ship it in the same jar's SHA256SUMS)" : "");
        }
        return message + (extracted ? "; set -D" + LIBRARY_PATH_PROPERTY + " to load a library built for this system" : "");
    }

    private record SystemAttempt(Optional<NativeLibrary> library, List<String> errors) {
    }

    private static SystemAttempt openSystem(boolean onlyIfLoaded, String... sonames) {
        Objects.requireNonNull(sonames, "sonames");
        List<String> errors = new ArrayList<>();
        synchronized (LOCK) {
            for (String soname : sonames) {
                Objects.requireNonNull(soname, "sonames: null element");
                Dlfcn.Result opened = Dlfcn.open(soname, onlyIfLoaded);
                if (!opened.ok()) {
                    errors.add(onlyIfLoaded ? soname + ": not loaded" : opened.error());
                    continue;
                }
                Path file = Dlfcn.fileOf(opened.handle()).map(Path::of).orElse(Path.of(soname));
                try {
                    file = file.toRealPath();
                } catch (IOException e) {
                    // Keep the loader's path; it names the library well enough for reports.
                }
                NativeLibrary library = BY_PATH.get(file);
                if (library == null) {
                    library = new NativeLibrary(soname, file, null, opened.handle(), null);
                    BY_PATH.put(file, library);
                    LOADED.add(library);
                }
                return new SystemAttempt(Optional.of(library), errors);
            }
        }
        return new SystemAttempt(Optional.empty(), errors);
    }
}
