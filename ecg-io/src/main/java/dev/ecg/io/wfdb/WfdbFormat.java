package dev.ecg.io.wfdb;

/**
 * Facts about the WFDB signal storage formats (WFDB {@code signal(5)} manual page): how many
 * samples pack into how many bytes, the invalid-sample value, and the default ADC resolution.
 *
 * <table>
 *   <caption>Supported formats</caption>
 *   <tr><th>format</th><th>layout</th><th>invalid value</th></tr>
 *   <tr><td>8</td><td>8-bit first differences, two's complement</td><td>none</td></tr>
 *   <tr><td>16</td><td>16-bit two's complement, little-endian</td><td>-32768</td></tr>
 *   <tr><td>24</td><td>24-bit two's complement, little-endian</td><td>-8388608</td></tr>
 *   <tr><td>32</td><td>32-bit two's complement, little-endian</td><td>-2147483648</td></tr>
 *   <tr><td>61</td><td>16-bit two's complement, big-endian</td><td>-32768</td></tr>
 *   <tr><td>80</td><td>8-bit offset binary (stored byte minus 128)</td><td>-128</td></tr>
 *   <tr><td>160</td><td>16-bit offset binary, little-endian</td><td>-32768</td></tr>
 *   <tr><td>212</td><td>two 12-bit samples in three bytes</td><td>-2048</td></tr>
 *   <tr><td>310</td><td>three 10-bit samples in two 16-bit words (bit 0 unused)</td><td>-512</td></tr>
 *   <tr><td>311</td><td>three 10-bit samples in one 32-bit word</td><td>-512</td></tr>
 * </table>
 *
 * <p>Format 0 marks a null signal (no file; all samples invalid).
 */
public final class WfdbFormat {
  private WfdbFormat() {}

  /**
   * @param format a format number
   * @return whether it is one of WFDB 10.7's FLAC formats (508, 516, 524: 8, 16 and 24 bits),
   *     whose signal files are FLAC streams with one channel per signal
   */
  public static boolean isFlac(int format) {
    return format == 508 || format == 516 || format == 524;
  }

  /**
   * @param format a FLAC format
   * @return its bits per sample
   */
  static int flacBits(int format) {
    return format == 508 ? 8 : format == 516 ? 16 : 24;
  }

  /**
   * @param format a format number
   * @return whether this library can read it
   */
  public static boolean isSupported(int format) {
    switch (format) {
      case 0: case 8: case 16: case 24: case 32: case 61: case 80: case 160: case 212: case 310:
      case 311: case 508: case 516: case 524:
        return true;
      default:
        return false;
    }
  }

  /**
   * @param format a supported format
   * @return samples per packing group (1, or 2 for 212, 3 for 310 and 311)
   */
  public static int samplesPerGroup(int format) {
    switch (format) {
      case 212: return 2;
      case 310: case 311: return 3;
      default: return 1;
    }
  }

  /**
   * @param format a supported format
   * @return bytes per packing group
   */
  public static int bytesPerGroup(int format) {
    switch (format) {
      case 8: case 80: return 1;
      case 16: case 61: case 160: return 2;
      case 24: case 212: return 3;
      case 32: case 310: case 311: return 4;
      default: return 0;
    }
  }

  /**
   * Bytes needed to store {@code n} consecutive samples starting at a group boundary (a trailing
   * partial group takes only the bytes its samples touch).
   *
   * @param format a supported format
   * @param n number of samples
   * @return byte count
   */
  public static long bytesFor(int format, long n) {
    int spg = samplesPerGroup(format);
    long full = n / spg;
    int rest = (int) (n % spg);
    long bytes = full * bytesPerGroup(format);
    if (rest != 0) {
      if (format == 212) {
        bytes += 2;
      } else if (format == 310) {
        bytes += rest == 1 ? 2 : 4;
      } else if (format == 311) {
        bytes += rest == 1 ? 2 : 3;
      }
    }
    return bytes;
  }

  /**
   * Number of whole samples that {@code bytes} bytes hold (inverse of {@link #bytesFor}).
   *
   * @param format a supported format
   * @param bytes byte count
   * @return sample count
   */
  public static long samplesIn(int format, long bytes) {
    int bpg = bytesPerGroup(format);
    if (bpg == 0) {
      return 0;
    }
    long full = bytes / bpg;
    int rest = (int) (bytes % bpg);
    long n = full * samplesPerGroup(format);
    if (format == 212 && rest >= 2) {
      n += 1;
    } else if (format == 310 && rest >= 2) {
      n += 1;
    } else if (format == 311 && rest >= 2) {
      n += rest >= 3 ? 2 : 1;
    }
    return n;
  }

  /**
   * @param format a supported format
   * @return the stored value that marks an invalid sample, or {@link Integer#MIN_VALUE} for
   *     formats 8 and 0 (format 8 has none; format 0 reads every sample as invalid)
   */
  public static int invalidValue(int format) {
    switch (format) {
      case 508: return -128;
      case 516: return -32768;
      case 524: return -8388608;
      case 80: return -128;
      case 212: return -2048;
      case 310: case 311: return -512;
      case 16: case 61: case 160: return -32768;
      case 24: return -8388608;
      default: return Integer.MIN_VALUE;
    }
  }

  /**
   * @param format a supported format
   * @return the default ADC resolution in bits
   */
  public static int defaultResolution(int format) {
    switch (format) {
      case 508: return 8;
      case 524: return 24;
      case 8: case 80: return 8;
      case 212: return 12;
      case 310: case 311: return 10;
      case 24: return 24;
      case 32: return 32;
      default: return 16;
    }
  }

  /**
   * @param format a supported format
   * @return the smallest storable value
   */
  public static int minValue(int format) {
    switch (format) {
      case 508: return -128;
      case 524: return -8388608;
      case 80: case 8: return -128;
      case 212: return -2048;
      case 310: case 311: return -512;
      case 24: return -8388608;
      case 32: return Integer.MIN_VALUE;
      default: return -32768;
    }
  }

  /**
   * @param format a supported format
   * @return the largest storable value
   */
  public static int maxValue(int format) {
    switch (format) {
      case 508: return 127;
      case 524: return 8388607;
      case 80: case 8: return 127;
      case 212: return 2047;
      case 310: case 311: return 511;
      case 24: return 8388607;
      case 32: return Integer.MAX_VALUE;
      default: return 32767;
    }
  }
}
