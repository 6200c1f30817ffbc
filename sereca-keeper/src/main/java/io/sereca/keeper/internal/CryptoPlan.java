package io.sereca.keeper.internal;

import io.sereca.keeper.internal.core.CryptoBatch;
import io.sereca.keeper.internal.core.ZnodeNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The crypto work of one frame: operations collected while the frame is parsed, run in one batch
 * (one ecall), and their results written back into the parsed records.
 */
final class CryptoPlan {

  /** A counter-sized placeholder: binds a sequential create's value to parent and name prefix. */
  private static final String COUNTER_PLACEHOLDER = "0000000000";

  private final CryptoBatch.Builder batch = CryptoBatch.builder();
  private final List<Consumer<CryptoBatch.Results>> setters = new ArrayList<>();
  private final NameCache cache;

  CryptoPlan(NameCache cache) {
    this.cache = cache;
  }

  /** Thrown when an operation of the batch failed (tampered or foreign ciphertext). */
  static final class CryptoFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CryptoFailure(String reason) {
      super(reason, null, false, false);
    }
  }

  /** Encrypts {@code path} (the root and the system tree stay as they are). */
  void encryptPath(String path, boolean sequentialCreate, Consumer<String> set) {
    if (ZnodeNames.isPlaintextPath(path)) {
      set.accept(path);
      return;
    }
    if (sequentialCreate) {
      add(CryptoBatch.ENCRYPT_SEQUENTIAL_PATH, v -> set.accept(text(v)), utf8(path));
      return;
    }
    String known = cache.encryptedPath(path);
    if (known != null) {
      set.accept(known);
      return;
    }
    add(CryptoBatch.ENCRYPT_PATH, v -> {
      String enc = text(v);
      cache.putEncryptedPath(path, enc);
      set.accept(enc);
    }, utf8(path));
  }

  /** Decrypts a server path. */
  void decryptPath(String encrypted, Consumer<String> set) {
    if (ZnodeNames.isPlaintextPath(encrypted)) {
      set.accept(encrypted);
      return;
    }
    String known = cache.decryptedPath(encrypted);
    if (known != null) {
      set.accept(known);
      return;
    }
    add(CryptoBatch.DECRYPT_PATH, v -> {
      String plain = text(v);
      cache.putDecryptedPath(encrypted, plain);
      set.accept(plain);
    }, utf8(encrypted));
  }

  /** Decrypts a child name under its plaintext parent. */
  void decryptName(String parent, String encrypted, Consumer<String> set) {
    if (parent.equals("/") && ZnodeNames.isPlaintextPath("/" + encrypted)) {
      set.accept(encrypted);
      return;
    }
    if (!parent.equals("/") && ZnodeNames.isPlaintextPath(parent)) {
      set.accept(encrypted);
      return;
    }
    String known = cache.decryptedName(parent, encrypted);
    if (known != null) {
      set.accept(known);
      return;
    }
    add(CryptoBatch.DECRYPT_NAME, v -> {
      String plain = text(v);
      cache.putDecryptedName(parent, encrypted, plain);
      set.accept(plain);
    }, utf8(parent), utf8(encrypted));
  }

  /** Seals a value for {@code path}; null stays null, system-tree values stay plaintext. */
  void seal(String path, boolean sequentialCreate, byte[] data, Consumer<byte[]> set) {
    if (data == null || ZnodeNames.isPlaintextPath(path)) {
      set.accept(data);
      return;
    }
    String binding = sequentialCreate ? path + COUNTER_PLACEHOLDER : path;
    add(CryptoBatch.SEAL, set, utf8(binding), data);
  }

  /** Opens a value read from {@code path}; null stays null, system-tree values are plaintext. */
  void open(String path, byte[] sealed, Consumer<byte[]> set) {
    if (sealed == null || ZnodeNames.isPlaintextPath(path)) {
      set.accept(sealed);
      return;
    }
    add(CryptoBatch.OPEN, set, utf8(path), sealed);
  }

  private void add(byte kind, Consumer<byte[]> set, byte[]... fields) {
    int i = batch.add(kind, fields);
    setters.add(r -> {
      if (!r.ok(i)) {
        throw new CryptoFailure(new String(r.value(i), StandardCharsets.US_ASCII));
      }
      set.accept(r.value(i));
    });
  }

  /** Runs {@code action} after the results were applied. */
  void then(Runnable action) {
    setters.add(r -> action.run());
  }

  /** Runs the batch (no ecall if empty) and applies its results; fails with {@link CryptoFailure}. */
  CompletableFuture<Void> run(CryptoCore core) {
    if (batch.size() == 0) {
      setters.forEach(s -> s.accept(null));
      return CompletableFuture.completedFuture(null);
    }
    return core.run(batch).thenAccept(results -> setters.forEach(s -> s.accept(results)));
  }

  /** The dataLength of a stat as the client must see it: the plaintext length. */
  static int plaintextLength(String path, int stored) {
    if (path == null || ZnodeNames.isPlaintextPath(path) || stored == 0) {
      return stored;
    }
    return Math.max(0, stored - CryptoBatch.SEALED_OVERHEAD);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
