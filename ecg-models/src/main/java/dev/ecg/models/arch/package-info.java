/**
 * ECG network architectures ({@link dev.ecg.models.arch.Architecture}) and their registry
 * ({@link dev.ecg.models.arch.Architectures}). Each architecture builds a DJL block tree made only
 * of DJL built-in blocks and the named blocks of {@code dev.ecg.models.nn}.
 */
package dev.ecg.models.arch;
