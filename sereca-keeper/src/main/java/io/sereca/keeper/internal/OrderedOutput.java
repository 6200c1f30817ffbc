package io.sereca.keeper.internal;

import io.vertx.core.Context;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Writes results in the order their work was submitted, though the work (crypto batches) may
 * complete in another order or on another thread: ZooKeeper clients require replies in request
 * order, and requests must reach the server in the order the client sent them. Used on one
 * connection's event loop only.
 */
final class OrderedOutput<T> {

  private final Context context;
  private final Consumer<T> sink;
  private final Consumer<Throwable> onError;
  private final ArrayDeque<CompletableFuture<T>> queue = new ArrayDeque<>();
  private boolean held;

  OrderedOutput(Context context, boolean held, Consumer<T> sink, Consumer<Throwable> onError) {
    this.context = context;
    this.held = held;
    this.sink = sink;
    this.onError = onError;
  }

  /** Queues work; its result is written after all earlier ones. */
  void submit(CompletableFuture<T> work) {
    queue.add(work);
    if (work.isDone()) {
      drain();
    } else {
      work.whenComplete((v, e) -> context.runOnContext(x -> drain()));
    }
  }

  /** Starts writing (e.g. once the upstream connection exists). */
  void release() {
    held = false;
    drain();
  }

  /** Drops everything pending. */
  void clear() {
    queue.clear();
    held = true;
  }

  private void drain() {
    while (!held && !queue.isEmpty() && queue.peek().isDone()) {
      CompletableFuture<T> f = queue.poll();
      T value;
      try {
        value = f.join();
      } catch (RuntimeException e) {
        clear();
        onError.accept(e.getCause() != null ? e.getCause() : e);
        return;
      }
      sink.accept(value);
    }
  }
}
