package org.energytrace.ingest.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which broker and ports {@code ingest demo} takes when other programs hold the usual ones. */
class DemoPortsTest {
  static final Map<String, String> NO_ENV = Map.of();

  @Test
  void theUsualBrokerPortHeldByAnotherProgramGetsAnEmbeddedBrokerOnAFreePort() throws Exception {
    // a server that accepts connections but never answers MQTT (issue 13: 1883 held by another
    // program); the test's own port stands for the usual 1883
    try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      URI usual = URI.create("tcp://localhost:" + other.getLocalPort());
      DemoPorts.Broker broker = DemoPorts.broker(null, NO_ENV::get, usual);
      assertThat(broker.embedded()).isTrue();
      assertThat(broker.url().getPort()).isNotEqualTo(other.getLocalPort());
      assertThat(DemoPorts.free("127.0.0.1", broker.url().getPort())).isTrue();
    }
  }

  @Test
  void aBrokerUrlAskedForThatAnotherProgramHoldsIsRefusedNamingTheOption() throws Exception {
    try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      String url = "tcp://127.0.0.1:" + other.getLocalPort();
      assertThatThrownBy(() -> DemoPorts.broker(null, Map.of("ET_MQTT_URL", url)::get, null))
          .hasMessageContaining("ET_MQTT_URL=" + url)
          .hasMessageContaining("--mqtt");
    }
  }

  @Test
  void nothingListeningOnALocalBrokerUrlGetsAnEmbeddedBrokerThere() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    DemoPorts.Broker broker = DemoPorts.broker("tcp://localhost:" + port, NO_ENV::get, null);
    assertThat(broker).isEqualTo(new DemoPorts.Broker(URI.create("tcp://127.0.0.1:" + port), true));
  }

  @Test
  void aTakenUsualHttpPortIsReplacedByAFreeOneAndAnAskedOneIsRefused() throws Exception {
    try (ServerSocket other = new ServerSocket(0)) {
      int held = other.getLocalPort();
      assertThat(DemoPorts.httpPort(null, NO_ENV::get, held)).isZero();
      assertThatThrownBy(
              () -> DemoPorts.httpPort(null, Map.of("ET_HTTP_PORT", "" + held)::get, 8080))
          .hasMessageContaining("port " + held + " (ET_HTTP_PORT=" + held + ")")
          .hasMessageContaining("--port");
    }
  }

  @Test
  void aPortLeftInTimeWaitByTheLastRunIsFree() throws Exception {
    // the side that closes a connection first keeps it in TIME_WAIT for a minute: a server
    // stopped and started again finds its port so, and binds it (servers set SO_REUSEADDR); the
    // probe said "taken by another program" and the demo moved the simulator to a random port
    int port;
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      port = server.getLocalPort();
      try (Socket client = new Socket(InetAddress.getByName("127.0.0.1"), port);
          Socket accepted = server.accept()) {
        accepted.close(); // the server's side closes first: its end waits in TIME_WAIT
        assertThat(client.getInputStream().read()).isEqualTo(-1);
      }
    }
    assertThat(DemoPorts.free("127.0.0.1", port)).isTrue();
  }
}
