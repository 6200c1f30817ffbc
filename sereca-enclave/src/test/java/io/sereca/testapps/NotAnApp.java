package io.sereca.testapps;

/** A public class with a no-arg constructor that does not implement EnclaveApp. */
public final class NotAnApp {
  public static volatile boolean constructed;

  public NotAnApp() {
    constructed = true;
  }
}
