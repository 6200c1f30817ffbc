package io.sereca.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.proto.ConnectRequest;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.RequestHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Malformed, truncated, oversized and unknown frames close only the connection they came on; the
 * proxy and other sessions live on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadFramesTest {

  static KeeperFixture fixture;
  static ZooKeeper bystander;

  /** The layout under test: a proxy in front of a server ({@link BadFramesInServerTest}: in-server). */
  KeeperFixture startFixture() throws Exception {
    return KeeperFixture.start();
  }

  @BeforeAll
  void start() throws Exception {
    fixture = startFixture();
    bystander = fixture.client();
    bystander.create("/bystander", "still here".getBytes(StandardCharsets.UTF_8), Ids.OPEN_ACL_UNSAFE,
        CreateMode.PERSISTENT);
  }

  @AfterAll
  void stop() throws Exception {
    fixture.close();
  }

  private static byte[] frame(Record... records) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    BinaryOutputArchive a = BinaryOutputArchive.getArchive(body);
    for (Record r : records) {
      r.serialize(a, "");
    }
    return withLength(body.toByteArray());
  }

  private static byte[] withLength(byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DataOutputStream(out).writeInt(body.length);
    out.write(body);
    return out.toByteArray();
  }

  private static Socket connected() throws IOException {
    Socket s = new Socket("127.0.0.1", fixture.proxy.port());
    s.setSoTimeout(10_000);
    s.getOutputStream().write(frame(new ConnectRequest(0, 0, 30_000, 0, new byte[16], false)));
    DataInputStream in = new DataInputStream(s.getInputStream());
    int len = in.readInt();
    in.readFully(new byte[len]);
    return s;
  }

  /** Reads until the proxy closes the connection; fails if it stays open. */
  private static void assertClosedByProxy(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    try {
      while (in.read() >= 0) {
        // Replies to earlier frames may still arrive before the close.
      }
    } catch (SocketException reset) {
      // A reset is a close too.
    }
    s.close();
  }

  private static void assertBystanderLives() throws Exception {
    assertThat(bystander.getData("/bystander", false, null)).isEqualTo("still here".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aFrameAboveTheLimitClosesTheConnection() throws Exception {
    try (Socket s = new Socket("127.0.0.1", fixture.proxy.port())) {
      s.setSoTimeout(10_000);
      new DataOutputStream(s.getOutputStream()).writeInt(KeeperProxyOptions.DEFAULT_MAX_FRAME_BYTES + 1);
      assertClosedByProxy(s);
    }
    assertBystanderLives();
  }

  @Test
  void aNegativeLengthClosesTheConnection() throws Exception {
    try (Socket s = new Socket("127.0.0.1", fixture.proxy.port())) {
      s.setSoTimeout(10_000);
      new DataOutputStream(s.getOutputStream()).writeInt(-5);
      assertClosedByProxy(s);
    }
    assertBystanderLives();
  }

  @Test
  void aMalformedConnectRequestClosesTheConnection() throws Exception {
    try (Socket s = new Socket("127.0.0.1", fixture.proxy.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(withLength(new byte[] {1, 2, 3}));
      assertClosedByProxy(s);
    }
    assertBystanderLives();
  }

  @Test
  void anUnknownOperationClosesTheConnection() throws Exception {
    try (Socket s = connected()) {
      s.getOutputStream().write(frame(new RequestHeader(1, 999), new GetDataRequest("/x", false)));
      assertClosedByProxy(s);
    }
    assertBystanderLives();
  }

  @Test
  void aTruncatedRecordClosesTheConnection() throws Exception {
    try (Socket s = connected()) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      DataOutputStream d = new DataOutputStream(body);
      d.writeInt(1);
      d.writeInt(OpCode.getData);
      d.writeInt(100); // a path of 100 bytes, of which 3 follow
      d.write("/ab".getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().write(withLength(body.toByteArray()));
      assertClosedByProxy(s);
    }
    assertBystanderLives();
  }

  @Test
  void trailingBytesAfterARecordCloseTheConnection() throws Exception {
    try (Socket s = connected()) {
      byte[] f = frame(new RequestHeader(1, OpCode.exists), new GetDataRequest("/x", false));
      byte[] padded = new byte[f.length + 3 - 4];
      System.arraycopy(f, 4, padded, 0, f.length - 4);
      s.getOutputStream().write(withLength(padded));
      assertClosedByProxy(s);
    }
    assertBystanderLives();
  }

  @Test
  void aStreamCutMidFrameLeavesTheProxyServing() throws Exception {
    try (Socket s = connected()) {
      DataOutputStream d = new DataOutputStream(s.getOutputStream());
      d.writeInt(50);
      d.write(new byte[10]);
      d.flush();
    }
    assertBystanderLives();
    try (Socket s = connected()) {
      // A fresh connection after all that is served normally.
      s.getOutputStream().write(frame(new RequestHeader(7, OpCode.exists),
          new org.apache.zookeeper.proto.ExistsRequest("/bystander", false)));
      DataInputStream in = new DataInputStream(s.getInputStream());
      int len = in.readInt();
      byte[] reply = new byte[len];
      in.readFully(reply);
      assertThat(java.nio.ByteBuffer.wrap(reply).getInt()).as("xid").isEqualTo(7);
      assertThat(java.nio.ByteBuffer.wrap(reply, 12, 4).getInt()).as("err").isZero();
    } catch (EOFException e) {
      throw new AssertionError("the proxy closed a healthy connection", e);
    }
  }
}
