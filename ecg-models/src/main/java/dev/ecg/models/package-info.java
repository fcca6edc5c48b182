/** Deep ECG classifiers on DJL. */
package dev.ecg.models;
