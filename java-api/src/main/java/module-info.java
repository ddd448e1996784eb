// SPDX-License-Identifier: Apache-2.0
/**
 * Gatun's runtime: typed off-heap arrays that native kernels read with zero copies, loading of the
 * native libraries shipped inside jars, OpenMP control, MPI and {@code gatun info}.
 *
 * <p>Native code is called through the Foreign Function &amp; Memory API, which requires native
 * access to be enabled for this module: {@code --enable-native-access=dev.gatun} on the module
 * path, {@code --enable-native-access=ALL-UNNAMED} on the class path, or the manifest attribute
 * {@code Enable-Native-Access: ALL-UNNAMED} in an executable jar.
 */
module dev.gatun {
    // dev.gatun.mpi learns a rank's System.exit status from Runtime.exit's log record (see ExitStatus).
    requires java.logging;
    // dev.gatun.profile: a JFR event per native call, and the report that reads recordings.
    requires transitive jdk.jfr; // generated bindings create its events
    // One line per API package; internal packages (dev.gatun.internal.*) are not exported.
    exports dev.gatun.array;
    exports dev.gatun.load;
    exports dev.gatun.omp;
    exports dev.gatun.info;
    exports dev.gatun.cuda;
    exports dev.gatun.mpi;
    exports dev.gatun.profile;
}
