package io.sereca.keeper;

/**
 * {@link ClientOperationsTest} against the in-server layout: the same client code, the crypto inside the
 * server's own network layer instead of a proxy in front of it.
 */
class ClientOperationsInServerTest extends ClientOperationsTest {

  @Override
  KeeperFixture startFixture() throws Exception {
    return KeeperFixture.startInServer();
  }
}
