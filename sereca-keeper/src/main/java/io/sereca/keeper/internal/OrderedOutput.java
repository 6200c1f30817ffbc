package io.sereca.keeper.internal;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Writes results in the order their work was submitted, though the work (crypto batches) may
 * complete in another order or on another thread: ZooKeeper clients require replies in request
 * order, and requests must reach the server in the order the client sent them. Used on one
 * connection's event loop only ({@code loop} runs tasks there).
 */
final class OrderedOutput<T> {

  private final Executor loop;
  private final Consumer<T> sink;
  private final Consumer<Throwable> onError;
  /** Pending work ({@link CompletableFuture}s) and actions ({@link Runnable}s), in order. */
  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  private boolean held;

  OrderedOutput(Executor loop, boolean held, Consumer<T> sink, Consumer<Throwable> onError) {
    this.loop = loop;
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
      work.whenComplete((v, e) -> loop.execute(this::drain));
    }
  }

  /** Runs {@code action} once everything submitted before it has been written. */
  void then(Runnable action) {
    queue.add(action);
    drain();
  }

  /** Whether nothing is waiting to be written. */
  boolean idle() {
    return queue.isEmpty();
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
    while (!held && !queue.isEmpty()) {
      Object head = queue.peek();
      if (head instanceof Runnable action) {
        queue.poll();
        action.run();
        continue;
      }
      @SuppressWarnings("unchecked")
      CompletableFuture<T> f = (CompletableFuture<T>) head;
      if (!f.isDone()) {
        return;
      }
      queue.poll();
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
