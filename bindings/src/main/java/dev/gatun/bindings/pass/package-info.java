// SPDX-License-Identifier: Apache-2.0
/**
 * Passes over the binding model. Each is a small named class that reads the model and attaches
 * notes (records) through {@link dev.gatun.bindings.model.Annotations}; {@link
 * dev.gatun.bindings.pass.Passes#run} runs them in order.
 */
package dev.gatun.bindings.pass;
