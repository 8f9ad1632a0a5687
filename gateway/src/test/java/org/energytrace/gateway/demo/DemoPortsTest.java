package org.energytrace.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** Whether the demo takes a port as free. */
class DemoPortsTest {

  @Test
  void aPortHeldByAListeningServerIsTaken() throws Exception {
    try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      assertThat(DemoPorts.free(other.getLocalPort())).isFalse();
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
    assertThat(DemoPorts.free(port)).isTrue();
  }
}
