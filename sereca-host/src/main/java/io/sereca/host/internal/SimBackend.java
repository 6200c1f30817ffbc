package io.sereca.host.internal;

import io.sereca.host.spi.EnclaveBackend;
import io.sereca.host.spi.EnclaveChannel;
import io.sereca.host.spi.EnclaveLaunchException;
import io.sereca.host.spi.LaunchContext;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@code sim} backend: the enclave runs in the host JVM, in a class loader whose parent is the
 * platform loader, so it sees the JDK, the trusted runtime and the bundle, and nothing of the
 * host's classes. Only byte arrays cross. The runtime copies every frame it is given before
 * decoding it and never touches a frame after handing it out, so this channel adds no copies of
 * its own (large payloads paid three extra copies per round trip for nothing).
 *
 * <p><b>This protects nothing against the host</b> (it can read the JVM's memory); it exists for
 * development and tests, like the SGX SDK's simulation mode. The memory budget is not enforced.
 */
public final class SimBackend implements EnclaveBackend {

  static final String RUNTIME_CLASS = "io.sereca.enclave.internal.EnclaveRuntime";

  @Override
  public String name() {
    return "sim";
  }

  @Override
  public boolean simulated() {
    return true;
  }

  @Override
  public EnclaveChannel open(LaunchContext ctx) throws EnclaveLaunchException {
    URLClassLoader loader;
    try {
      loader = new URLClassLoader("sereca-enclave-" + ctx.name(),
          new URL[] {ctx.runtimeJar().toUri().toURL(), ctx.bundleJar().toUri().toURL()},
          ClassLoader.getPlatformClassLoader());
    } catch (MalformedURLException e) {
      throw new EnclaveLaunchException("cannot build the enclave class path: " + e.getMessage(), e);
    }
    Function<byte[], byte[]> entry;
    try {
      Class<?> runtime = Class.forName(RUNTIME_CLASS, true, loader);
      Consumer<byte[]> sink = ctx.ocallSink();
      @SuppressWarnings("unchecked")
      Function<byte[], byte[]> fn = (Function<byte[], byte[]>)
          runtime.getConstructor(Consumer.class, Integer.class)
              .newInstance(sink, ctx.limits().maxFrameBytes());
      entry = fn;
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      closeQuietly(loader);
      throw new EnclaveLaunchException("cannot start the trusted runtime in the sim backend: " + e, e);
    }
    return new SimChannel(ctx, loader, entry);
  }

  private static void closeQuietly(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException ignored) {
      // Closing only releases jar handles; nothing to recover.
    }
  }

  private static final class SimChannel implements EnclaveChannel {
    private final LaunchContext ctx;
    private final URLClassLoader loader;
    private volatile Function<byte[], byte[]> entry;

    SimChannel(LaunchContext ctx, URLClassLoader loader, Function<byte[], byte[]> entry) {
      this.ctx = ctx;
      this.loader = loader;
      this.entry = entry;
    }

    @Override
    public CompletableFuture<byte[]> call(byte[] ecallFrame) {
      Function<byte[], byte[]> fn = entry;
      if (fn == null) {
        return CompletableFuture.failedFuture(new EnclaveLaunchException("enclave " + ctx.name() + " is closed"));
      }
      try {
        return CompletableFuture.completedFuture(fn.apply(ecallFrame));
      } catch (RuntimeException | Error e) {
        // The runtime catches app exceptions itself; reaching here means the runtime broke
        // (e.g. OutOfMemoryError), which on a real enclave would be a crash.
        return CompletableFuture.failedFuture(new EnclaveLaunchException(
            "enclave " + ctx.name() + " crashed: " + e.getClass().getName(), e));
      }
    }

    @Override
    public CompletableFuture<byte[]> quote(byte[] reportData) {
      return ctx.issueEvidence(reportData);
    }

    @Override
    public void close() {
      entry = null;
      closeQuietly(loader);
    }
  }
}
