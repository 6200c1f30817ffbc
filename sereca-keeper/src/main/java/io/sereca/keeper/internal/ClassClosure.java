package io.sereca.keeper.internal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The class files an enclave bundle needs: starting from its app classes, every class referenced
 * in their constant pools (class entries and type descriptors) that lies under one of the allowed
 * prefixes, transitively, read from a class loader. Classes outside the prefixes (the JDK, the
 * trusted runtime, class-retention annotations) are not followed. This is how third-party code (Tink's AES-SIV)
 * is shaded into the bundle: only what is reachable, byte for byte as published.
 */
final class ClassClosure {

  private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L([\\w/$]+);");

  private ClassClosure() {}

  /**
   * @param roots the bundle's own class files by entry name
   * @param allowedPrefixes entry-name prefixes of classes to pull in (e.g. {@code com/google/crypto/tink/})
   * @param loader where to read referenced classes from
   * @return roots plus every reachable class under the prefixes
   * @throws IOException if a referenced class cannot be read or parsed
   */
  static Map<String, byte[]> of(Map<String, byte[]> roots, Set<String> allowedPrefixes, ClassLoader loader)
      throws IOException {
    Map<String, byte[]> out = new TreeMap<>(roots);
    Deque<String> todo = new ArrayDeque<>();
    roots.forEach((name, bytes) -> {
      if (name.endsWith(".class")) {
        todo.add(name);
      }
    });
    Set<String> seen = new TreeSet<>(todo);
    while (!todo.isEmpty()) {
      String entry = todo.pop();
      for (String ref : references(out.get(entry))) {
        String refEntry = ref + ".class";
        if (seen.contains(refEntry) || allowedPrefixes.stream().noneMatch(refEntry::startsWith)) {
          continue;
        }
        seen.add(refEntry);
        byte[] bytes;
        try (InputStream in = loader.getResourceAsStream(refEntry)) {
          if (in == null) {
            throw new IOException(refEntry + " (referenced by " + entry + ") is not on the class path:"
                + " the enclave bundle would be incomplete");
          }
          bytes = in.readAllBytes();
        }
        out.put(refEntry, bytes);
        todo.add(refEntry);
      }
    }
    return out;
  }

  /** Internal names of the classes a class file's constant pool mentions. */
  static Set<String> references(byte[] classFile) throws IOException {
    Set<String> refs = new TreeSet<>();
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    int[] classIndex = new int[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 7 -> classIndex[i] = in.readUnsignedShort();
        case 8, 16, 19, 20 -> in.readUnsignedShort();
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
        case 15 -> {
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        case 5, 6 -> {
          in.readLong();
          i++;
        }
        default -> throw new IOException("unknown constant pool tag " + tag + " at index " + i);
      }
    }
    for (int i = 1; i < count; i++) {
      if (classIndex[i] != 0 && utf8[classIndex[i]] != null) {
        String name = utf8[classIndex[i]];
        while (name.startsWith("[")) {
          name = name.substring(1);
        }
        if (name.startsWith("L") && name.endsWith(";")) {
          name = name.substring(1, name.length() - 1);
        }
        refs.add(name);
      }
      if (utf8[i] != null && utf8[i].indexOf(';') >= 0) {
        Matcher m = DESCRIPTOR_CLASS.matcher(utf8[i]);
        while (m.find()) {
          refs.add(m.group(1));
        }
      }
    }
    return refs;
  }
}
