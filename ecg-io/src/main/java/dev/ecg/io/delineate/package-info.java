/**
 * ECG wave delineation: the onsets, peaks and offsets of the P, QRS and T waves of each beat, and
 * the intervals derived from them.
 *
 * <ul>
 *   <li>{@link dev.ecg.io.delineate.DwtDelineator} reproduces NeuroKit2's
 *       {@code ecg_delineate(method="dwt")} (Martínez et al. 2004, IEEE TBME 51(4):570-581);
 *   <li>{@link dev.ecg.io.delineate.Delineation} holds the per-beat points, aligned with the R
 *       peaks, {@code -1} where absent;
 *   <li>{@link dev.ecg.io.delineate.BeatIntervals} derives PR, QRS, QT and QTc (Bazett,
 *       Fridericia, Framingham) per beat and as medians;
 *   <li>{@link dev.ecg.io.delineate.SplineZoom} and
 *       {@link dev.ecg.io.delineate.QuadraticSplineWavelet} are the building blocks (SciPy's
 *       {@code ndimage.zoom} and the à-trous quadratic-spline transform).
 * </ul>
 *
 * <p>Bad arguments raise {@link dev.ecg.core.EcgArgumentException} or its subclasses from
 * {@code dev.ecg.io.dsp}. See {@code docs/delineation.md}.
 */
package dev.ecg.io.delineate;
