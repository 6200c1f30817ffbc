package io.sereca.wsnm.enclave.web;

/** A dashboard request the gateway refuses, with an HTTP-like code and a message for the user. */
public final class DashboardException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int code;

  /** Creates a refusal. */
  public DashboardException(int code, String message) {
    super(message);
    this.code = code;
  }

  /** 400 malformed, 401 no session, 403 role, 404 unknown operation, 409 replay, 502 upstream. */
  public int code() {
    return code;
  }
}
