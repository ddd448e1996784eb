// SPDX-License-Identifier: Apache-2.0
/**
 * Profiling of native time, as Python's cProfile profiles Python: a JFR event per native call
 * ({@link dev.gatun.profile.NativeCallEvent}), off at no cost unless recorded, switched on with
 * {@code -Dgatun.profile=FILE.jfr} ({@link dev.gatun.profile.Profiling}) or {@code -XX:StartFlightRecording}, and
 * summed per function by {@link dev.gatun.profile.ProfileReport} ({@code gatun profile FILE.jfr}).
 */
package dev.gatun.profile;
