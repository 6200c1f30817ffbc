/**
 * The confidential ZooKeeper proxy (after SecureKeeper): {@link io.sereca.keeper.KeeperProxy} speaks
 * the ZooKeeper client protocol to unmodified clients and forwards to a real ZooKeeper server or
 * ensemble that only ever stores encrypted paths and values; {@link
 * io.sereca.keeper.KeeperProxyOptions} configures it. See docs/confidential-zookeeper.md.
 */
package io.sereca.keeper;
