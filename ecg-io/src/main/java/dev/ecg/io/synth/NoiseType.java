package dev.ecg.io.synth;

/** Kinds of noise that {@link EcgSyn} can add at a target signal-to-noise ratio. */
public enum NoiseType {
  /** Baseline wander: a random sum of slow sinusoids below 0.5 Hz (respiration, movement). */
  BASELINE_WANDER,
  /** Muscle (EMG) noise: broadband Gaussian noise from 20 Hz up to 150 Hz (or 0.45 fs). */
  MUSCLE,
  /** Electrode motion: bursts of 0.5-8 Hz noise of 0.5-2 s, a few per ten seconds. */
  ELECTRODE_MOTION,
  /** Mains hum: a sinusoid at the mains frequency (50 or 60 Hz) with a small third harmonic. */
  MAINS
}
