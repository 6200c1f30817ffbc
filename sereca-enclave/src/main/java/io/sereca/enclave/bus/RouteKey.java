package io.sereca.enclave.bus;


/** One version of a route key: 32 bytes of AES-256 key material. Never printed. */
public final class RouteKey {

  /** Key length in bytes. */
  public static final int LENGTH = 32;

  private final String name;
  private final int version;
  private final byte[] material;

  private RouteKey(String name, int version, byte[] material) {
    this.name = name;
    this.version = version;
    this.material = material;
  }

  /**
   * Creates a key, validating it.
   *
   * @throws IllegalArgumentException naming the bad field
   */
  public static RouteKey create(String name, int version, byte[] material) {
    if (name == null || !name.matches("[A-Za-z0-9._-]{1,128}")) {
      throw new IllegalArgumentException("route key name must be 1..128 of [A-Za-z0-9._-]");
    }
    if (version < 1) {
      throw new IllegalArgumentException("route key version must be >= 1, was " + version);
    }
    if (material == null || material.length != LENGTH) {
      throw new IllegalArgumentException("route key material must be " + LENGTH + " bytes");
    }
    return new RouteKey(name, version, material.clone());
  }

  /** Generates a fresh random key. */
  public static RouteKey generate(String name, int version) {
    byte[] k = new byte[LENGTH];
    new java.security.SecureRandom().nextBytes(k);
    return create(name, version, k);
  }

  /** The key's name (what routes refer to). */
  public String name() {
    return name;
  }

  /** The key's version. */
  public int version() {
    return version;
  }

  /** The key material (copy). Handle with care: never log it. */
  public byte[] material() {
    return material.clone();
  }

  byte[] materialRef() {
    return material;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RouteKey && ((RouteKey) o).name.equals(name) && ((RouteKey) o).version == version
        && java.security.MessageDigest.isEqual(((RouteKey) o).material, material);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + version;
  }

  /** Name and version only. */
  @Override
  public String toString() {
    return "RouteKey{" + name + " v" + version + "}";
  }


}
