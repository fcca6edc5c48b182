/** JMH benchmarks. */
package dev.ecg.bench;
