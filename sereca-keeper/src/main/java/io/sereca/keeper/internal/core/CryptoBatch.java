package io.sereca.keeper.internal.core;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The work of one ecall into the crypto core: a list of operations on paths and payloads, and the
 * list of their results. One batch per ZooKeeper request or response, so a whole frame crosses the
 * boundary once. Both sides use this codec; the enclave validates every length it reads.
 *
 * <p>Encoding: {@code 'K' | version | count (int) | count × (kind (byte) | fields)}, each field an
 * int length and its bytes. Results: {@code count (int) | count × (status (byte) | bytes)}.
 */
public final class CryptoBatch {

  /** Encrypts a plaintext path element by element. Field: path. */
  public static final byte ENCRYPT_PATH = 1;
  /** Decrypts a server path element by element. Field: encrypted path. */
  public static final byte DECRYPT_PATH = 2;
  /** Decrypts one child name. Fields: plaintext parent path, encrypted name. */
  public static final byte DECRYPT_NAME = 3;
  /** Encrypts a payload bound to a plaintext path. Fields: path, data. */
  public static final byte SEAL = 4;
  /** Decrypts a payload bound to a plaintext path. Fields: path, ciphertext. */
  public static final byte OPEN = 5;

  /**
   * Encrypts the path of a sequential create: its last name is a prefix to which the server
   * appends the counter. Field: path.
   */
  public static final byte ENCRYPT_SEQUENTIAL_PATH = 6;

  /** Bytes a sealed value has beyond its plaintext (version, nonce, tag). */
  public static final int SEALED_OVERHEAD = 1 + 12 + 16;

  /** Result status: success, the bytes are the result. */
  public static final byte OK = 0;
  /** Result status: failure, the bytes are a short ASCII reason (never data). */
  public static final byte FAILED = 1;

  /** At most this many operations in one batch. */
  public static final int MAX_OPERATIONS = 1 << 20;

  private static final byte MAGIC = 'K';
  private static final byte VERSION = 1;

  private final List<Operation> operations;

  private CryptoBatch(List<Operation> operations) {
    this.operations = operations;
  }

  /** One operation: its kind and fields. */
  public record Operation(byte kind, byte[][] fields) {}

  /** The operations. */
  public List<Operation> operations() {
    return operations;
  }

  /** A builder for the host side. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects operations; each {@code add} returns the index of its result. */
  public static final class Builder {
    private final List<Operation> ops = new ArrayList<>();

    private Builder() {}

    /** Adds an operation and returns its index. */
    public int add(byte kind, byte[]... fields) {
      ops.add(new Operation(kind, fields));
      return ops.size() - 1;
    }

    /** Number of operations so far. */
    public int size() {
      return ops.size();
    }

    /** The encoded batch (sized exactly: no stream growth, no final copy). */
    public byte[] encode() {
      int size = 2 + 4;
      for (Operation op : ops) {
        size += 1;
        for (byte[] f : op.fields()) {
          size += 4 + f.length;
        }
      }
      ByteBuffer out = ByteBuffer.allocate(size);
      out.put(MAGIC).put(VERSION).putInt(ops.size());
      for (Operation op : ops) {
        out.put(op.kind());
        for (byte[] f : op.fields()) {
          out.putInt(f.length).put(f);
        }
      }
      return out.array();
    }
  }

  /** Number of fields of an operation kind, or -1 if the kind is unknown. */
  static int fieldCount(byte kind) {
    switch (kind) {
      case ENCRYPT_PATH:
      case DECRYPT_PATH:
      case ENCRYPT_SEQUENTIAL_PATH:
        return 1;
      case DECRYPT_NAME:
      case SEAL:
      case OPEN:
        return 2;
      default:
        return -1;
    }
  }

  /**
   * Decodes a batch (inside the enclave).
   *
   * @throws IllegalArgumentException naming the problem and its offset
   */
  public static CryptoBatch decode(byte[] encoded) {
    ByteBuffer in = ByteBuffer.wrap(encoded);
    try {
      if (in.get() != MAGIC || in.get() != VERSION) {
        throw new IllegalArgumentException("not a crypto batch (bad magic or version)");
      }
      int count = in.getInt();
      if (count < 0 || count > MAX_OPERATIONS || count > in.remaining()) {
        throw new IllegalArgumentException("bad operation count " + count);
      }
      List<Operation> ops = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int at = in.position();
        byte kind = in.get();
        int n = fieldCount(kind);
        if (n < 0) {
          throw new IllegalArgumentException("unknown operation kind " + kind + " at offset " + at);
        }
        byte[][] fields = new byte[n][];
        for (int f = 0; f < n; f++) {
          fields[f] = readField(in);
        }
        ops.add(new Operation(kind, fields));
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(in.remaining() + " trailing bytes at offset " + in.position());
      }
      return new CryptoBatch(ops);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("truncated crypto batch at offset " + in.position());
    }
  }

  private static byte[] readField(ByteBuffer in) {
    int at = in.position();
    int len = in.getInt();
    if (len < 0 || len > in.remaining()) {
      throw new IllegalArgumentException("field length " + len + " out of range at offset " + at);
    }
    byte[] out = new byte[len];
    in.get(out);
    return out;
  }

  /** Encodes results (inside the enclave): statuses and bytes, in operation order. */
  public static byte[] encodeResults(byte[] statuses, byte[][] values) {
    int size = 4;
    for (byte[] v : values) {
      size += 1 + 4 + v.length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.putInt(statuses.length);
    for (int i = 0; i < statuses.length; i++) {
      out.put(statuses[i]).putInt(values[i].length).put(values[i]);
    }
    return out.array();
  }

  /**
   * Decodes results (on the host) for a batch of {@code expected} operations.
   *
   * @throws IllegalArgumentException if the result does not match the batch
   */
  public static Results decodeResults(byte[] encoded, int expected) {
    return decodeResults(encoded, 0, encoded.length, expected);
  }

  /** {@link #decodeResults(byte[], int)} of {@code length} bytes of {@code encoded} from {@code offset}. */
  public static Results decodeResults(byte[] encoded, int offset, int length, int expected) {
    ByteBuffer in = ByteBuffer.wrap(encoded, offset, length);
    try {
      int count = in.getInt();
      if (count != expected) {
        throw new IllegalArgumentException("crypto core returned " + count + " results for " + expected + " operations");
      }
      byte[] statuses = new byte[count];
      byte[][] values = new byte[count][];
      for (int i = 0; i < count; i++) {
        statuses[i] = in.get();
        values[i] = readField(in);
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("trailing bytes after crypto results");
      }
      return new Results(statuses, values);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("truncated crypto results");
    }
  }

  /** Results of a batch, by operation index. */
  public static final class Results {
    private final byte[] statuses;
    private final byte[][] values;

    Results(byte[] statuses, byte[][] values) {
      this.statuses = statuses;
      this.values = values;
    }

    /** Whether operation {@code i} succeeded. */
    public boolean ok(int i) {
      return statuses[i] == OK;
    }

    /** The result of operation {@code i}, or its failure reason if it failed. */
    public byte[] value(int i) {
      return values[i];
    }

    /** Number of results. */
    public int size() {
      return statuses.length;
    }
  }
}
