package org.energytrace.ingest.demo;

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
import java.util.function.UnaryOperator;

/**
 * Where {@code ingest demo} listens and which broker it uses, on a machine where other programs may
 * hold the usual ports. A value the user asked for (an option, or its environment variable) is used
 * as given, or the demo stops at once naming the port and the option that changes it; a usual port
 * that is taken is replaced by a free one, which the demo prints. The gateway demo's own ports (OPC
 * UA, Modbus) follow the same rule on its side (gateway's {@code DemoPorts}).
 */
public final class DemoPorts {

  public static final int HTTP_PORT = 8080;
  public static final URI MQTT_URL = URI.create("tcp://localhost:1883");

  private static final String LOOPBACK = "127.0.0.1";
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

  private DemoPorts() {}

  /** The demo cannot run as asked; the message names the port and the option (exit code 2). */
  public static final class RefusedException extends RuntimeException {
    public RefusedException(String message) {
      super(message);
    }
  }

  /** What listens on a TCP port. */
  public enum Peer {
    NOTHING,
    MQTT_BROKER,
    SOMETHING_ELSE
  }

  /** A setting given on the command line, else by its environment variable, else null. */
  public static String asked(
      Object option, UnaryOperator<String> environment, String envName, String flag) {
    if (option != null) {
      return flag + " " + option;
    }
    String fromEnv = environment.apply(envName);
    return fromEnv == null || fromEnv.isBlank() ? null : envName + "=" + fromEnv.trim();
  }

  /**
   * The HTTP port: the one asked for (which must be free on every interface), else {@code usual}
   * when free, else 0 (a free port chosen when the server binds; the demo prints it).
   */
  public static int httpPort(Integer option, UnaryOperator<String> environment, int usual) {
    Integer port = port(option, environment, "ET_HTTP_PORT", "--port", "the HTTP server");
    if (port != null) {
      if (!free(null, port)) {
        throw taken("the HTTP server", port, option, environment, "ET_HTTP_PORT", "--port");
      }
      return port;
    }
    return free(null, usual) ? usual : 0;
  }

  /**
   * Checks a port of the gateway demo's simulator that the user asked for before anything starts:
   * taken, the demo stops at once naming it. Not asked, the gateway picks the usual or a free one.
   *
   * @return the port asked for, or null
   */
  public static Integer simulatorPort(
      String what, Integer option, UnaryOperator<String> environment, String envName, String flag) {
    Integer port = port(option, environment, envName, flag, what);
    if (port != null && !free(LOOPBACK, port)) {
      throw taken(what, port, option, environment, envName, flag);
    }
    return port;
  }

  /** The broker the demo uses, and whether the demo must start one (embedded) at that URL. */
  public record Broker(URI url, boolean embedded) {}

  /**
   * The broker: a broker listening at the URL asked for (or the usual one) is used; a local URL
   * where nothing listens gets an embedded broker; the usual port held by a program that is not a
   * broker gets an embedded broker on a free port; a URL asked for that another program holds stops
   * the demo naming it.
   */
  public static Broker broker(String option, UnaryOperator<String> environment, URI usual) {
    String asked = asked(option, environment, "ET_MQTT_URL", "--mqtt");
    URI url;
    try {
      url =
          option != null
              ? URI.create(option)
              : asked != null ? URI.create(environment.apply("ET_MQTT_URL").trim()) : usual;
    } catch (IllegalArgumentException e) {
      throw new RefusedException("broker: " + asked + " is not a URL: " + e.getMessage());
    }
    String host = url.getHost();
    if (host == null) {
      throw new RefusedException("broker: " + asked + " is not a URL like tcp://host:1883");
    }
    int port = url.getPort() > 0 ? url.getPort() : 1883;
    boolean local = "localhost".equals(host) || LOOPBACK.equals(host);
    switch (probe(host, port)) {
      case MQTT_BROKER:
        return new Broker(url, false);
      case SOMETHING_ELSE:
        if (asked != null || !local) {
          throw new RefusedException(
              "broker: "
                  + host
                  + ":"
                  + port
                  + " ("
                  + (asked != null ? asked : "the default")
                  + ") is held by a program that is not an MQTT broker (it did not answer an MQTT"
                  + " CONNECT with a CONNACK); give the URL of a broker with --mqtt (or"
                  + " ET_MQTT_URL)");
        }
        return new Broker(URI.create("tcp://" + LOOPBACK + ":" + freePort()), true);
      case NOTHING:
      default:
        if (local) {
          return new Broker(URI.create("tcp://" + LOOPBACK + ":" + port), true);
        }
        // a remote broker that is not up yet: ingest and the gateway both retry
        return new Broker(url, false);
    }
  }

  /**
   * Asks whoever listens on the port with an MQTT 3.1.1 CONNECT (MQTT 3.1.1 §3.1) and reads the
   * first byte of the answer: a CONNACK (0x20, §3.2) means a broker, whatever its return code.
   */
  public static Peer probe(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) PROBE_TIMEOUT.toMillis());
      socket.setSoTimeout((int) PROBE_TIMEOUT.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(connect("et-ingest-demo-probe"));
      out.flush();
      InputStream in = socket.getInputStream();
      if (in.read() == 0x20) {
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

  /** Whether a server could listen on the port now: on {@code host}, or every interface (null). */
  public static boolean free(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      // as the servers bind (Netty, Vert.x and the JDK set SO_REUSEADDR): a port whose last
      // connections wait in TIME_WAIT is free for them; a listening socket still holds it
      socket.setReuseAddress(true);
      socket.bind(
          host == null
              ? new InetSocketAddress(port)
              : new InetSocketAddress(InetAddress.getByName(host), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Integer port(
      Integer option, UnaryOperator<String> environment, String envName, String flag, String what) {
    String asked = asked(option, environment, envName, flag);
    if (asked == null) {
      return null;
    }
    int port;
    try {
      port = option != null ? option : Integer.parseInt(environment.apply(envName).trim());
    } catch (NumberFormatException e) {
      throw new RefusedException(what + ": " + asked + " is not a port number");
    }
    if (port < 1 || port > 65_535) {
      throw new RefusedException(what + ": " + asked + " is not a port (1..65535)");
    }
    return port;
  }

  private static RefusedException taken(
      String what,
      int port,
      Integer option,
      UnaryOperator<String> environment,
      String envName,
      String flag) {
    return new RefusedException(
        what
            + ": port "
            + port
            + " ("
            + asked(option, environment, envName, flag)
            + ") is taken by another program; free it or choose another port with "
            + flag
            + " (or "
            + envName
            + ")");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByName(LOOPBACK))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new RefusedException("no free port on " + LOOPBACK + ": " + e);
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
}
