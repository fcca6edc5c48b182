package dev.ecg.io.wfdb;

import dev.ecg.core.EcgArgumentException;

/**
 * Bulk decoders and encoders between packed WFDB bytes and {@code int} samples. Every decoder
 * starts at a packing-group boundary and fills {@code n} consecutive samples of the flat
 * (interleaved) sample stream. Bit layouts follow the WFDB {@code signal(5)} manual page.
 */
final class SampleCodec {
  private SampleCodec() {}

  /**
   * @param format storage format (format 8 yields the raw signed differences)
   * @param b packed bytes, starting at a group boundary at {@code pos}
   * @param pos first byte
   * @param out destination
   * @param o first destination index
   * @param n number of samples to decode
   */
  static void decode(int format, byte[] b, int pos, int[] out, int o, int n) {
    switch (format) {
      case 8:
        for (int i = 0; i < n; i++) {
          out[o + i] = b[pos + i];
        }
        break;
      case 80:
        for (int i = 0; i < n; i++) {
          out[o + i] = (b[pos + i] & 0xFF) - 128;
        }
        break;
      case 16:
        for (int i = 0, p = pos; i < n; i++, p += 2) {
          out[o + i] = (short) ((b[p] & 0xFF) | (b[p + 1] << 8));
        }
        break;
      case 61:
        for (int i = 0, p = pos; i < n; i++, p += 2) {
          out[o + i] = (short) ((b[p + 1] & 0xFF) | (b[p] << 8));
        }
        break;
      case 160:
        for (int i = 0, p = pos; i < n; i++, p += 2) {
          out[o + i] = ((b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8)) - 32768;
        }
        break;
      case 24:
        for (int i = 0, p = pos; i < n; i++, p += 3) {
          out[o + i] = (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | (b[p + 2] << 16);
        }
        break;
      case 32:
        for (int i = 0, p = pos; i < n; i++, p += 4) {
          out[o + i] = (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | ((b[p + 2] & 0xFF) << 16)
              | (b[p + 3] << 24);
        }
        break;
      case 212:
        decode212(b, pos, out, o, n);
        break;
      case 310:
        decode310(b, pos, out, o, n);
        break;
      case 311:
        decode311(b, pos, out, o, n);
        break;
      default:
        throw new EcgArgumentException("format " + format);
    }
  }

  /**
   * @param format storage format
   * @param frameSamples samples per frame (all signals with one sample per frame)
   * @return whether {@link #decodeFrames} handles this layout
   */
  static boolean canDecodeFrames(int format, int frameSamples) {
    return format == 16 || (format == 212 && (frameSamples == 1 || frameSamples == 2));
  }

  /**
   * Decodes whole frames of signals with one sample per frame straight into per-signal arrays.
   *
   * @param format 16 or 212 (see {@link #canDecodeFrames})
   * @param b packed bytes starting at a frame that begins a packing group
   * @param out one array per signal
   * @param o first destination index
   * @param nFrames frames to decode
   * @param k signals (samples per frame)
   */
  static void decodeFrames(int format, byte[] b, int[][] out, int o, int nFrames, int k) {
    if (format == 212 && k == 1) {
      decode212(b, 0, out[0], o, nFrames);
    } else if (format == 212) {
      int[] o0 = out[0];
      int[] o1 = out[1];
      for (int i = 0, p = 0; i < nFrames; i++, p += 3) {
        int b0 = b[p] & 0xFF;
        int b1 = b[p + 1] & 0xFF;
        int b2 = b[p + 2] & 0xFF;
        o0[o + i] = ((b0 | ((b1 & 0x0F) << 8)) << 20) >> 20;
        o1[o + i] = ((b2 | ((b1 & 0xF0) << 4)) << 20) >> 20;
      }
    } else if (k == 1) {
      int[] o0 = out[0];
      for (int i = 0, p = 0; i < nFrames; i++, p += 2) {
        o0[o + i] = (short) ((b[p] & 0xFF) | (b[p + 1] << 8));
      }
    } else {
      int stride = 2 * k;
      for (int s = 0; s < k; s++) {
        int[] os = out[s];
        for (int i = 0, p = 2 * s; i < nFrames; i++, p += stride) {
          os[o + i] = (short) ((b[p] & 0xFF) | (b[p + 1] << 8));
        }
      }
    }
  }

  private static void decode212(byte[] b, int pos, int[] out, int o, int n) {
    int pairs = n >>> 1;
    int p = pos;
    int q = o;
    for (int i = 0; i < pairs; i++, p += 3, q += 2) {
      int b0 = b[p] & 0xFF;
      int b1 = b[p + 1] & 0xFF;
      int b2 = b[p + 2] & 0xFF;
      out[q] = ((b0 | ((b1 & 0x0F) << 8)) << 20) >> 20;
      out[q + 1] = ((b2 | ((b1 & 0xF0) << 4)) << 20) >> 20;
    }
    if ((n & 1) != 0) {
      out[q] = (((b[p] & 0xFF) | ((b[p + 1] & 0x0F) << 8)) << 20) >> 20;
    }
  }

  private static void decode310(byte[] b, int pos, int[] out, int o, int n) {
    int p = pos;
    for (int i = 0; i < n; i += 3, p += 4) {
      int w0 = (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8);
      out[o + i] = ((w0 >>> 1) << 22) >> 22;
      if (i + 1 < n) {
        int w1 = (b[p + 2] & 0xFF) | ((b[p + 3] & 0xFF) << 8);
        out[o + i + 1] = ((w1 >>> 1) << 22) >> 22;
        if (i + 2 < n) {
          out[o + i + 2] = (((w0 >>> 11) | ((w1 >>> 11) << 5)) << 22) >> 22;
        }
      }
    }
  }

  private static void decode311(byte[] b, int pos, int[] out, int o, int n) {
    int p = pos;
    for (int i = 0; i < n; i += 3, p += 4) {
      int rem = n - i;
      int w = (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8);
      if (rem >= 2) {
        w |= (b[p + 2] & 0xFF) << 16;
      }
      if (rem >= 3) {
        w |= (b[p + 3] & 0xFF) << 24;
      }
      out[o + i] = (w << 22) >> 22;
      if (rem >= 2) {
        out[o + i + 1] = ((w >>> 10) << 22) >> 22;
      }
      if (rem >= 3) {
        out[o + i + 2] = ((w >>> 20) << 22) >> 22;
      }
    }
  }

  /**
   * Encodes {@code n} flat samples in format 16 or 212.
   *
   * @param format 16 or 212
   * @param in samples (already range-checked)
   * @param n count
   * @return the packed bytes
   */
  static byte[] encode(int format, int[] in, int n) {
    byte[] b = new byte[Math.toIntExact(WfdbFormat.bytesFor(format, n))];
    if (format == 16) {
      for (int i = 0, p = 0; i < n; i++, p += 2) {
        b[p] = (byte) in[i];
        b[p + 1] = (byte) (in[i] >> 8);
      }
    } else if (format == 212) {
      int i = 0;
      int p = 0;
      for (; i + 1 < n; i += 2, p += 3) {
        int s0 = in[i] & 0xFFF;
        int s1 = in[i + 1] & 0xFFF;
        b[p] = (byte) s0;
        b[p + 1] = (byte) ((s0 >> 8) | ((s1 >> 4) & 0xF0));
        b[p + 2] = (byte) s1;
      }
      if (i < n) {
        int s0 = in[i] & 0xFFF;
        b[p] = (byte) s0;
        b[p + 1] = (byte) (s0 >> 8);
      }
    } else {
      throw new EcgArgumentException("writing supports formats 16 and 212, not " + format);
    }
    return b;
  }
}
