package io.sereca.wsnm.store;

/** The record store contract on a real PostgreSQL server ({@link EmbeddedPostgres}). */
class RecordStorePostgresTest extends RecordStoreContract {

  private static int n;

  @Override
  String freshUrl() throws Exception {
    return EmbeddedPostgres.shared().createDatabase("store_contract_" + (n++));
  }
}
