package org.energytrace.gateway.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.energytrace.gateway.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the demo's servers listen and which broker it uses, on a machine where other services may
 * hold the usual ports. A port the user asked for (with its option or environment variable) must be
 * free, or the demo stops at once naming the port and how to change it; the usual port is used when
 * free, else any free one, and the log says which. The broker: an MQTT broker already listening is
 * used; nothing listening on the usual local port gets an embedded broker there; a port held by
 * something that does not speak MQTT is named as such.
 */
final class DemoPorts {

  static final int OPCUA_PORT = 4840;
  static final int MODBUS_PORT = 5020;
  static final URI MQTT_URL = URI.create("tcp://localhost:1883");

  private static final Logger log = LoggerFactory.getLogger(DemoPorts.class);
  private static final String LOOPBACK = "127.0.0.1";
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

  private DemoPorts() {}

  /** What listens on a TCP port. */
  enum Peer {
    NOTHING,
    MQTT_BROKER,
    SOMETHING_ELSE
  }

  /**
   * The port a demo server listens on (loopback).
   *
   * @param option the port given on the command line, or null
   * @param envName the environment variable that may give it (e.g. ET_OPCUA_PORT)
   * @param flag the option that gives it (e.g. --opcua-port), named in messages
   * @throws ConfigException when the port asked for is taken or not a port
   */
  static int listenPort(
      String what,
      Integer option,
      UnaryOperator<String> environment,
      String envName,
      int usual,
      String flag) {
    String fromEnv = environment.apply(envName);
    if (option != null || (fromEnv != null && !fromEnv.isBlank())) {
      String source = option != null ? flag + " " + option : envName + "=" + fromEnv.trim();
      int port;
      try {
        port = option != null ? option : Integer.parseInt(fromEnv.trim());
      } catch (NumberFormatException e) {
        throw refused(flag, what + ": " + source + " is not a port number");
      }
      if (port < 1 || port > 65_535) {
        throw refused(flag, what + ": " + source + " is not a port (1..65535)");
      }
      if (!free(port)) {
        throw refused(
            flag,
            what
                + ": port "
                + port
                + " ("
                + source
                + ") is taken by another program; free it or choose another port with "
                + flag
                + " (or "
                + envName
                + ")");
      }
      return port;
    }
    if (free(usual)) {
      return usual;
    }
    int port = freePort();
    log.warn(
        "demo: port {} is taken by another program; the {} listens on {}:{} instead (choose with {}"
            + " or {})",
        usual,
        what,
        LOOPBACK,
        port,
        flag,
        envName);
    return port;
  }

  /**
   * The broker URL the demo uses, and whether it must start an embedded one on the URL's port.
   *
   * @param option {@code --mqtt-url} as given, or null
   */
  record Broker(URI url, boolean embedded) {}

  static Broker broker(URI option, UnaryOperator<String> environment) {
    return broker(option, environment, MQTT_URL);
  }

  /** With the usual broker URL given (a test's). */
  static Broker broker(URI option, UnaryOperator<String> environment, URI usual) {
    String fromEnv = environment.apply("ET_MQTT_URL");
    boolean asked = option != null || (fromEnv != null && !fromEnv.isBlank());
    URI url = option != null ? option : asked ? URI.create(fromEnv.trim()) : usual;
    String source =
        option != null ? "--mqtt-url " + option : asked ? "ET_MQTT_URL=" + url : "the default";
    String host = url.getHost();
    int port = url.getPort() > 0 ? url.getPort() : 1883;
    boolean local = "localhost".equals(host) || LOOPBACK.equals(host);
    switch (probe(host, port)) {
      case MQTT_BROKER:
        log.info("demo: using the MQTT broker at {}:{}", host, port);
        return new Broker(url, false);
      case SOMETHING_ELSE:
        if (asked || !local) {
          throw refused(
              "--mqtt-url",
              host
                  + ":"
                  + port
                  + " ("
                  + source
                  + ") is held by a program that is not an MQTT broker (it did not answer an"
                  + " MQTT CONNECT with a CONNACK); give the URL of a broker with --mqtt-url (or"
                  + " ET_MQTT_URL)");
        }
        int free = freePort();
        log.warn(
            "demo: port {} is held by a program that is not an MQTT broker (it did not answer an"
                + " MQTT CONNECT); starting an embedded MQTT 5 broker on {}:{} instead (choose with"
                + " --mqtt-url or ET_MQTT_URL)",
            port,
            LOOPBACK,
            free);
        return new Broker(URI.create("tcp://" + LOOPBACK + ":" + free), true);
      case NOTHING:
      default:
        if (local) {
          return new Broker(url, true);
        }
        log.warn("demo: no broker at {}:{} yet; the gateway will keep retrying", host, port);
        return new Broker(url, false);
    }
  }

  /**
   * Asks whoever listens on the port with an MQTT 3.1.1 CONNECT (MQTT 3.1.1 §3.1) and reads the
   * first byte of the answer: a CONNACK (0x20, §3.2) means a broker, whatever its return code.
   */
  static Peer probe(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) PROBE_TIMEOUT.toMillis());
      socket.setSoTimeout((int) PROBE_TIMEOUT.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(connect("et-demo-probe"));
      out.flush();
      InputStream in = socket.getInputStream();
      int first = in.read();
      if (first == 0x20) {
        out.write(new byte[] {(byte) 0xE0, 0x00}); // DISCONNECT
        out.flush();
        return Peer.MQTT_BROKER;
      }
      return Peer.SOMETHING_ELSE;
    } catch (SocketTimeoutException e) {
      return Peer.SOMETHING_ELSE; // connected, but no answer
    } catch (IOException e) {
      return e instanceof ConnectException ? Peer.NOTHING : Peer.SOMETHING_ELSE;
    }
  }

  private static byte[] connect(String clientId) {
    byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
    byte[] variable = {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60};
    int remaining = variable.length + 2 + id.length;
    byte[] packet = new byte[2 + remaining];
    packet[0] = 0x10;
    packet[1] = (byte) remaining;
    System.arraycopy(variable, 0, packet, 2, variable.length);
    packet[2 + variable.length] = (byte) (id.length >> 8);
    packet[3 + variable.length] = (byte) id.length;
    System.arraycopy(id, 0, packet, 4 + variable.length, id.length);
    return packet;
  }

  /** Whether a server could listen on the port (loopback) now. */
  static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      // as the servers bind (Netty, Vert.x and the JDK set SO_REUSEADDR): a port whose last
      // connections wait in TIME_WAIT is free for them; a listening socket still holds it
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByName(LOOPBACK))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw refused("port", "no free port on " + LOOPBACK + ": " + e);
    }
  }

  /** The demo cannot run as asked: exit code 2, the setting named. */
  private static ConfigException refused(String setting, String message) {
    return new ConfigException(
        "the demo's settings", List.of(new ConfigException.Problem("demo", 0, setting, message)));
  }
}
