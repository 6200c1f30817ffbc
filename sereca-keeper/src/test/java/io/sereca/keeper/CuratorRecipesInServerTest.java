package io.sereca.keeper;

/**
 * {@link CuratorRecipesTest} against the in-server layout: the same client code, the crypto inside the
 * server's own network layer instead of a proxy in front of it.
 */
class CuratorRecipesInServerTest extends CuratorRecipesTest {

  @Override
  KeeperFixture startFixture() throws Exception {
    return KeeperFixture.startInServer();
  }
}
