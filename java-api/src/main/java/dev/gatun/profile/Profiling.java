// SPDX-License-Identifier: Apache-2.0
package dev.gatun.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

/**
 * Switches the {@link NativeCallEvent}s and {@link GpuWorkEvent}s on without JFR options: {@code -D}{@value #PROPERTY}{@code =FILE.jfr} starts
 * a recording of them (and of nothing else) when Gatun loads its first native library, written to that file when
 * the JVM exits. {@code -XX:StartFlightRecording} works as well; the events are in JFR's default settings off, so
 * enable them there with {@code +dev.gatun.NativeCall#enabled=true}, or simply use this property.
 */
public final class Profiling {
    /** System property: the {@code .jfr} file to record native calls into. */
    public static final String PROPERTY = "gatun.profile";

    private static Recording recording;

    private Profiling() {
    }

    /**
     * Whether JFR has started in this process (a recording exists or was started by
     * {@code -XX:StartFlightRecording} or {@value #PROPERTY}). Generated bindings create a {@link NativeCallEvent}
     * only then: loading the first {@code jdk.jfr.Event} class starts JFR's Java side (some 80 classes and tens of
     * milliseconds), which a process that records nothing must not pay at its first native call. The check reads
     * one field of the one JFR class it loads.
     *
     * @return {@code true} once JFR is initialised; events are then created and JFR decides whether to commit them
     */
    public static boolean active() {
        return FlightRecorder.isInitialized();
    }

    /** Starts the recording that {@value #PROPERTY} asks for; does nothing without it, or when already started. */
    public static synchronized void startFromProperty() {
        String file = System.getProperty(PROPERTY);
        if (recording != null || file == null || file.isBlank() || !FlightRecorder.isAvailable()) {
            return;
        }
        try {
            Recording r = new Recording();
            r.setName("gatun-profile");
            // By class, not by name: enabling a name whose event class is not registered yet records nothing
            // of it (the first call loads the class after this point), while the class form registers it now.
            r.enable(NativeCallEvent.class).withThreshold(Duration.ZERO);
            r.enable(GpuWorkEvent.class).withThreshold(Duration.ZERO);
            r.setToDisk(true);
            r.setDestination(Path.of(file));
            r.setDumpOnExit(true);
            r.start();
            recording = r;
        } catch (IOException | RuntimeException e) {
            System.err.println("gatun: " + PROPERTY + "=" + file + ": cannot record native calls there: " + e.getMessage());
        }
    }
}
