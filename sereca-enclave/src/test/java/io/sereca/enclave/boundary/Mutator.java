package io.sereca.enclave.boundary;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Deterministic frame mutations for the fuzzers: bit flips, byte sets, cuts, inserts, splices. */
final class Mutator {

  private static final byte[] INTERESTING = {0, 1, 0x7F, (byte) 0x80, (byte) 0xFF, (byte) 0xFE,
      0x10, 0x40, (byte) 0xC0, (byte) 0xED};

  private Mutator() {}

  static byte[] mutate(byte[] frame, Random random) {
    byte[] out = frame.clone();
    int rounds = 1 + random.nextInt(4);
    for (int i = 0; i < rounds; i++) {
      out = mutateOnce(out, random);
    }
    return out;
  }

  private static byte[] mutateOnce(byte[] in, Random random) {
    int op = random.nextInt(9);
    if (in.length == 0 && op < 7) {
      op = 7;
    }
    switch (op) {
      case 0: { // flip one bit
        byte[] out = in.clone();
        int at = random.nextInt(out.length);
        out[at] ^= (byte) (1 << random.nextInt(8));
        return out;
      }
      case 1: { // set a byte to a random value
        byte[] out = in.clone();
        out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        return out;
      }
      case 2: { // set a byte to an interesting value (length prefixes, UTF-8 lead bytes)
        byte[] out = in.clone();
        out[random.nextInt(out.length)] = INTERESTING[random.nextInt(INTERESTING.length)];
        return out;
      }
      case 3: // truncate
        return Arrays.copyOf(in, random.nextInt(in.length));
      case 4: { // delete a range
        int from = random.nextInt(in.length);
        int to = Math.min(in.length, from + 1 + random.nextInt(8));
        byte[] out = new byte[in.length - (to - from)];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(in, to, out, from, in.length - to);
        return out;
      }
      case 5: { // overwrite four bytes with a large or negative length
        byte[] out = in.clone();
        int at = random.nextInt(out.length);
        int v = random.nextBoolean() ? Integer.MAX_VALUE - random.nextInt(16) : -random.nextInt(1 << 20);
        for (int i = 0; i < 4 && at + i < out.length; i++) {
          out[at + i] = (byte) (v >>> (24 - 8 * i));
        }
        return out;
      }
      case 6: { // duplicate a chunk (repeats headers, secrets ...)
        int from = random.nextInt(in.length);
        int len = Math.min(in.length - from, 1 + random.nextInt(16));
        byte[] out = new byte[in.length + len];
        System.arraycopy(in, 0, out, 0, from + len);
        System.arraycopy(in, from, out, from + len, in.length - from);
        return out;
      }
      case 7: { // insert random bytes
        int at = in.length == 0 ? 0 : random.nextInt(in.length + 1);
        byte[] extra = new byte[1 + random.nextInt(8)];
        random.nextBytes(extra);
        byte[] out = new byte[in.length + extra.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(in, at, out, at + extra.length, in.length - at);
        return out;
      }
      default: { // append random bytes
        byte[] extra = new byte[1 + random.nextInt(8)];
        random.nextBytes(extra);
        byte[] out = Arrays.copyOf(in, in.length + extra.length);
        System.arraycopy(extra, 0, out, in.length, extra.length);
        return out;
      }
    }
  }

  /** Either fully random bytes or a mutation of one of {@code seeds}. */
  static byte[] input(List<byte[]> seeds, Random random) {
    if (random.nextInt(5) == 0) {
      byte[] b = new byte[random.nextInt(200)];
      random.nextBytes(b);
      return b;
    }
    return mutate(seeds.get(random.nextInt(seeds.size())), random);
  }
}
