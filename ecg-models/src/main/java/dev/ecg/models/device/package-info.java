/**
 * Choosing where to train and run: {@link dev.ecg.models.device.DeviceChoice} (AUTO, CPU,
 * GPU(n)), {@link dev.ecg.models.device.DeviceProbe} and {@link
 * dev.ecg.models.device.DeviceSelector}. See {@code docs/gpu.md} for the CUDA artifacts.
 */
package dev.ecg.models.device;
