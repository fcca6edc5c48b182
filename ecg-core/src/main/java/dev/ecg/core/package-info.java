/** Shared vocabulary (label sets) and evaluation (metrics, splitters, class weights, samplers). */
package dev.ecg.core;
