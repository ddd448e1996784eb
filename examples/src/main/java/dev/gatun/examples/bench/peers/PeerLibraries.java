// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.bench.peers;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Native;
import dev.gatun.load.NativeLibrary;
import org.bytedeco.javacpp.tools.Builder;

/**
 * Builds and loads the native side of each benchmark peer, once per JVM: {@code libcallpeers.so}
 * comes from the jar (gatun-maven-plugin built it); the JNI glue is compiled by gcc and the JavaCPP
 * glue by JavaCPP's own {@link Builder}, both against that library, in a temporary directory.
 */
public final class PeerLibraries {

    private static Path jni;
    private static Path javaCpp;
    private static boolean jnaRegistered;

    private PeerLibraries() {
    }

    /**
     * The {@code libcallpeers.so} the generated binding loaded (extracted from the jar).
     *
     * @return its path
     */
    public static Path callpeers() {
        return NativeLibrary.load(Callpeers.class, "callpeers").path();
    }

    /**
     * Compiles {@code callpeers_jni.c} with gcc and loads it, so {@link JniPeer}'s methods resolve.
     *
     * @throws IOException          when gcc is missing or fails (the message says which)
     * @throws InterruptedException when interrupted while gcc runs
     */
    public static synchronized void loadJni() throws IOException, InterruptedException {
        if (jni != null) {
            return;
        }
        Path dir = sources("callpeers_jni.c", "callpeers.h");
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path library = dir.resolve(System.mapLibraryName("callpeers_jni"));
        Path callpeers = callpeers();
        run(List.of("gcc", "-O2", "-fPIC", "-shared", "-I" + javaHome.resolve("include"),
                "-I" + javaHome.resolve("include/linux"), "-I" + dir, "-o", library.toString(),
                dir.resolve("callpeers_jni.c").toString(), "-L" + callpeers.getParent(), "-lcallpeers",
                "-Wl,-rpath," + callpeers.getParent()), "gcc (install gcc to build the JNI peer)");
        System.load(library.toString());
        jni = library;
    }

    /**
     * Builds {@link JavaCppPeer}'s glue with JavaCPP's Builder (g++) and loads it.
     *
     * @throws IOException          when the Builder or g++ fails
     * @throws InterruptedException when interrupted while g++ runs
     */
    public static synchronized void loadJavaCpp() throws IOException, InterruptedException {
        if (javaCpp != null) {
            return;
        }
        Path dir = sources("callpeers.h");
        Path callpeers = callpeers();
        File[] outputs;
        try {
            outputs = new Builder().outputDirectory(dir.toFile())
                    .property("platform.includepath", dir.toString())
                    .property("platform.linkpath", callpeers.getParent().toString())
                    .classesOrPackages(JavaCppPeer.class.getName())
                    .build();
        } catch (ClassNotFoundException | org.bytedeco.javacpp.tools.ParserException e) {
            throw new IOException("JavaCPP's Builder failed on " + JavaCppPeer.class.getName() + ": " + e.getMessage(), e);
        }
        if (outputs == null || outputs.length == 0) {
            throw new IOException("JavaCPP's Builder produced no library in " + dir + "; is g++ installed?");
        }
        System.load(outputs[0].getAbsolutePath());
        javaCpp = outputs[0].toPath();
    }

    /** Binds {@link JnaDirectPeer}'s native methods to {@code libcallpeers.so} (JNA direct mapping). */
    public static synchronized void registerJna() {
        if (!jnaRegistered) {
            Native.register(JnaDirectPeer.class, com.sun.jna.NativeLibrary.getInstance(callpeers().toString()));
            jnaRegistered = true;
        }
    }

    /**
     * Loads {@code libcallpeers.so} through JNA's interface mapping.
     *
     * @return the proxy
     */
    public static JnaInterfacePeer loadJnaInterface() {
        return Native.load(callpeers().toString(), JnaInterfacePeer.class);
    }

    private static Path sources(String... names) throws IOException {
        Path dir = Files.createTempDirectory("gatun-peers-");
        dir.toFile().deleteOnExit();
        for (String name : names) {
            try (InputStream in = PeerLibraries.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException(name + " is missing from the class path; rebuild the examples module");
                }
                Files.copy(in, dir.resolve(name));
            }
        }
        return dir;
    }

    private static void run(List<String> command, String what) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("could not start " + what + ": " + e.getMessage(), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(what + " failed: " + output.strip());
        }
    }
}
