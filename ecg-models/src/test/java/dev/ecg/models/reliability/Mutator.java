package dev.ecg.models.reliability;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutation operators in the style of AFL's havoc stage: bit flips, random bytes, byte insertion
 * and deletion, "interesting" integers written over binary words or over decimal fields of text
 * formats, truncation, and splicing with another corpus entry. One call applies one to four
 * operators to one part of the input.
 */
public final class Mutator {
  private static final long[] INTERESTING = {0, 1, -1, 2, 7, 8, 15, 16, 31, 32, 63, 64, 127, 128,
      255, 256, 511, 1024, 4095, 4096, 32767, 32768, 65535, 65536, 0x7fffffffL, 0x80000000L,
      0xffffffffL, -128, -32768, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
      1_000_000_000_000L};
  private static final String[] INTERESTING_TEXT = {"0", "-1", "1", "-0", "00", "2147483647",
      "2147483648", "-2147483649", "4294967296", "1000000000000", "1000000", "9223372036854775808",
      "99999999999999999999999", "1e308", "1e-320", "NaN", "Infinity", "-Infinity", "0.0", "",
      "0x10", "1/", "1(2)", "65536", "100000"};

  private final SplittableRandom r;

  /** @param seed the random seed */
  public Mutator(long seed) {
    this.r = new SplittableRandom(seed);
  }

  /**
   * @param in the input to mutate
   * @param corpus other inputs to splice from
   * @return a mutated copy
   */
  public FuzzInput mutate(FuzzInput in, List<FuzzInput> corpus) {
    int part = r.nextInt(in.parts().size());
    byte[] b = in.parts().get(part);
    int ops = 1 + r.nextInt(4);
    for (int k = 0; k < ops; k++) {
      b = once(b, corpus, in.names().get(part), part);
    }
    return in.with(part, b);
  }

  private byte[] once(byte[] b, List<FuzzInput> corpus, String name, int part) {
    switch (r.nextInt(9)) {
      case 0: // bit flips
        b = b.clone();
        for (int i = 0, n = 1 + r.nextInt(8); i < n && b.length > 0; i++) {
          b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
      case 1: // random bytes
        b = b.clone();
        for (int i = 0, n = 1 + r.nextInt(4); i < n && b.length > 0; i++) {
          b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        }
        return b;
      case 2: { // insert
        int at = r.nextInt(b.length + 1);
        byte[] ins = new byte[1 + r.nextInt(r.nextBoolean() ? 4 : 64)];
        if (r.nextBoolean() && b.length > 0) {
          for (int i = 0; i < ins.length; i++) {
            ins[i] = b[r.nextInt(b.length)];
          }
        } else {
          r.nextBytes(ins);
        }
        byte[] c = new byte[b.length + ins.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(ins, 0, c, at, ins.length);
        System.arraycopy(b, at, c, at + ins.length, b.length - at);
        return c;
      }
      case 3: { // delete
        if (b.length == 0) {
          return b;
        }
        int at = r.nextInt(b.length);
        int n = Math.min(b.length - at, 1 + r.nextInt(r.nextBoolean() ? 4 : 64));
        byte[] c = new byte[b.length - n];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(b, at + n, c, at, b.length - at - n);
        return c;
      }
      case 4: { // interesting binary integer, 1/2/4/8 bytes, either byte order
        int w = 1 << r.nextInt(4);
        if (b.length < w) {
          return b;
        }
        b = b.clone();
        long v = INTERESTING[r.nextInt(INTERESTING.length)];
        int at = r.nextBoolean() ? r.nextInt(b.length - w + 1) : (r.nextInt(b.length / w) * w);
        boolean little = r.nextBoolean();
        for (int i = 0; i < w; i++) {
          int shift = 8 * (little ? i : w - 1 - i);
          b[at + i] = (byte) (v >>> shift);
        }
        return b;
      }
      case 5: // interesting number in a decimal field
        return textNumber(b);
      case 6: // truncate
        return Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length));
      case 7: { // splice with the same part of another corpus entry
        FuzzInput other = corpus.get(r.nextInt(corpus.size()));
        int p = other.names().indexOf(name);
        byte[] o = other.parts().get(p >= 0 ? p : Math.min(part, other.parts().size() - 1));
        int cut = r.nextInt(b.length + 1);
        int from = r.nextInt(o.length + 1);
        byte[] c = new byte[cut + o.length - from];
        System.arraycopy(b, 0, c, 0, cut);
        System.arraycopy(o, from, c, cut, o.length - from);
        return c;
      }
      default: { // duplicate a block (repetition often breaks count fields)
        if (b.length == 0) {
          return b;
        }
        int at = r.nextInt(b.length);
        int n = Math.min(b.length - at, 1 + r.nextInt(256));
        int times = 1 + r.nextInt(8);
        byte[] c = new byte[b.length + n * times];
        System.arraycopy(b, 0, c, 0, at + n);
        for (int t = 1; t <= times; t++) {
          System.arraycopy(b, at, c, at + n * t, n);
        }
        System.arraycopy(b, at + n, c, at + n * (times + 1), b.length - at - n);
        return c;
      }
    }
  }

  /** Replaces one run of ASCII digits (with sign/point) by an interesting decimal string. */
  private byte[] textNumber(byte[] b) {
    if (b.length == 0) {
      return b;
    }
    int start = r.nextInt(b.length);
    int i = start;
    while (i < b.length && !isDigit(b[i])) {
      i++;
    }
    if (i == b.length) {
      return b;
    }
    int s = i;
    while (s > 0 && (b[s - 1] == '-' || b[s - 1] == '+')) {
      s--;
    }
    int e = i;
    while (e < b.length && (isDigit(b[e]) || b[e] == '.' || b[e] == 'e' || b[e] == 'E')) {
      e++;
    }
    byte[] rep = INTERESTING_TEXT[r.nextInt(INTERESTING_TEXT.length)]
        .getBytes(StandardCharsets.US_ASCII);
    byte[] c = new byte[s + rep.length + b.length - e];
    System.arraycopy(b, 0, c, 0, s);
    System.arraycopy(rep, 0, c, s, rep.length);
    System.arraycopy(b, e, c, s + rep.length, b.length - e);
    return c;
  }

  private static boolean isDigit(byte x) {
    return x >= '0' && x <= '9';
  }
}
