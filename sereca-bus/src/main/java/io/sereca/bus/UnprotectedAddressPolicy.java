package io.sereca.bus;

/**
 * What a {@link SecureEventBus} does with an address that no route protects.
 *
 * <p>Whatever the policy, a <em>protected</em> address never carries plaintext: the route table,
 * not the caller, decides which addresses are protected.
 */
public enum UnprotectedAddressPolicy {
  /**
   * Send, publish, request and consume on the plain Vert.x event bus, unchanged (the default). One
   * API serves both kinds of address; {@link SecureMessage#isProtected()} tells them apart.
   */
  PASS_THROUGH,
  /**
   * Refuse: sends fail with {@link IllegalArgumentException}, and so does registering a consumer.
   * For participants that must only ever speak on protected routes.
   */
  REFUSE
}
