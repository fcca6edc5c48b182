package dev.ecg.models.device;

import ai.djl.Device;

/**
 * The outcome of {@link DeviceSelector#select}.
 *
 * @param device the DJL device to use
 * @param reason a human-readable explanation of why
 */
public record DeviceSelection(Device device, String reason) {}
