// SPDX-License-Identifier: Apache-2.0
package dev.gatun.info;

import dev.gatun.internal.info.BlasProbe;
import dev.gatun.internal.info.CpuFeatures;
import dev.gatun.internal.info.CudaDriverProbe;
import dev.gatun.internal.info.MpiProbe;
import dev.gatun.internal.load.LibraryCache;
import dev.gatun.load.NativeLibrary;
import dev.gatun.load.Platform;
import dev.gatun.omp.LoopSchedule;
import dev.gatun.omp.OpenMP;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code gatun info} report: what Gatun finds on this machine. Java and native access, the
 * platform and CPU vector features, the library cache, the native libraries loaded so far, the OpenMP
 * runtime, BLAS, the CUDA driver and MPI. Anything missing is reported as {@code absent (why)}; collecting
 * the report never throws.
 *
 * <p>Run it with {@code java -jar gatun-api.jar}, or call {@link #collect()} from an application to log
 * what it runs on. Probing loads the system libraries it reports on (libgomp, BLAS, libcuda, libmpi)
 * into the process, but starts neither CUDA contexts nor MPI.
 */
public final class GatunInfo {
    private final List<ReportSection> sections;

    private GatunInfo(List<ReportSection> sections) {
        this.sections = List.copyOf(sections);
    }

    /**
     * Collects the report.
     *
     * @return the report; sections in a fixed order
     */
    public static GatunInfo collect() {
        // Snapshot first: the probes below load system libraries, which are not the application's.
        List<NativeLibrary> loadedByApplication = NativeLibrary.loaded();
        List<ReportSection> sections = new ArrayList<>();
        sections.add(section("Java", GatunInfo::java));
        sections.add(section("Platform", () -> {
            List<ReportItem> items = new ArrayList<>();
            items.add(new ReportItem("platform", Platform.current().id()));
            items.add(new ReportItem("os", System.getProperty("os.name") + " " + System.getProperty("os.version")));
            items.addAll(CpuFeatures.report(Path.of("/proc/cpuinfo")));
            return items;
        }));
        sections.add(section("Native library cache", GatunInfo::cache));
        sections.add(section("Native libraries loaded", () -> loaded(loadedByApplication)));
        sections.add(section("OpenMP", GatunInfo::openMP));
        sections.add(section("BLAS", BlasProbe::report));
        sections.add(section("CUDA", CudaDriverProbe::report));
        sections.add(section("MPI", MpiProbe::report));
        return new GatunInfo(sections);
    }

    /**
     * The report's sections, in order.
     *
     * @return immutable sections
     */
    public List<ReportSection> sections() {
        return sections;
    }

    /**
     * One value of the report.
     *
     * @param section a section title, e.g. {@code "OpenMP"}
     * @param key an item key in it, e.g. {@code "max threads"}
     * @return the value, or empty when the report has no such line
     */
    public Optional<String> value(String section, String key) {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(key, "key");
        return sections.stream().filter(s -> s.title().equals(section)).flatMap(s -> s.items().stream())
                .filter(item -> item.key().equals(key)).map(ReportItem::value).findFirst();
    }

    /**
     * The report as text: each section title, then its items indented as {@code key: value}.
     *
     * @return the printable report
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("gatun info\n");
        for (ReportSection section : sections) {
            out.append('\n').append(section.title()).append('\n');
            int width = section.items().stream().mapToInt(item -> item.key().length()).max().orElse(0);
            for (ReportItem item : section.items()) {
                out.append("  ").append(item.key()).append(':').append(" ".repeat(width - item.key().length() + 1))
                        .append(item.value()).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Prints the report to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.print(collect());
    }

    // A probe that throws still yields its section, saying what failed.
    private static ReportSection section(String title, Supplier<List<ReportItem>> probe) {
        try {
            return new ReportSection(title, probe.get());
        } catch (RuntimeException | LinkageError e) {
            return new ReportSection(title, List.of(ReportItem.absent("report", "probe failed: " + e)));
        }
    }

    private static List<ReportItem> java() {
        Module module = GatunInfo.class.getModule();
        String moduleName = module.isNamed() ? "module " + module.getName() : "the unnamed module (class path)";
        String flag = module.isNamed() ? "--enable-native-access=" + module.getName() : "--enable-native-access=ALL-UNNAMED";
        return List.of(
                new ReportItem("version", Runtime.version().toString()),
                new ReportItem("vendor", System.getProperty("java.vendor")),
                new ReportItem("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")),
                new ReportItem("home", System.getProperty("java.home")),
                new ReportItem("native access", module.isNativeAccessEnabled() ? "enabled for " + moduleName
                        : "disabled for " + moduleName + ": native calls print warnings; run with " + flag));
    }

    private static List<ReportItem> cache() {
        Path dir = NativeLibrary.cacheDirectory();
        String state;
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            state = "not created yet (made 0700 on first extraction)";
        } else {
            String problem = LibraryCache.problemWith(dir);
            state = problem == null ? "private to this user" : "unusable: " + problem + "; set -D"
                    + NativeLibrary.CACHE_DIR_PROPERTY;
        }
        String libraryPath = System.getProperty(NativeLibrary.LIBRARY_PATH_PROPERTY);
        return List.of(
                new ReportItem("directory", dir.toString()),
                new ReportItem("state", state),
                new ReportItem(NativeLibrary.LIBRARY_PATH_PROPERTY, libraryPath == null
                        ? "not set (libraries are extracted from their jars)" : libraryPath + " (no extraction)"));
    }

    private static List<ReportItem> loaded(List<NativeLibrary> libraries) {
        if (libraries.isEmpty()) {
            return List.of(new ReportItem("libraries", "none loaded through NativeLibrary yet"));
        }
        List<ReportItem> items = new ArrayList<>();
        for (NativeLibrary library : libraries) {
            items.add(new ReportItem(library.name(), library.path()
                    + library.sha256().map(hash -> " sha256 " + hash).orElse("")));
        }
        return items;
    }

    private static List<ReportItem> openMP() {
        if (!OpenMP.isAvailable()) {
            try {
                OpenMP.runtimeLibrary(); // throws with the loader's reason
            } catch (RuntimeException e) {
                return List.of(ReportItem.absent("runtime", e.getMessage()));
            }
        }
        LoopSchedule schedule = OpenMP.schedule();
        return List.of(
                new ReportItem("runtime", OpenMP.runtimeLibrary().path().toString()),
                new ReportItem("max threads", Integer.toString(OpenMP.maxThreads())),
                new ReportItem("procs", Integer.toString(OpenMP.numProcs())),
                new ReportItem("thread limit", Integer.toString(OpenMP.threadLimit())),
                new ReportItem("dynamic", Boolean.toString(OpenMP.isDynamic())),
                new ReportItem("schedule", schedule.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + (schedule.chunk() > 0 ? ", chunk " + schedule.chunk() : "")));
    }
}
