package org.energytrace.gateway.modbus;

import com.digitalpetri.modbus.ModbusRtuFrame;
import com.digitalpetri.modbus.ModbusRtuResponseFrameParser;
import com.digitalpetri.modbus.client.ModbusRtuClientTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.energytrace.gateway.config.DeviceConfig.Parity;
import org.energytrace.gateway.config.DeviceConfig.SerialLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modbus RTU over a serial line (a tty device or a pty) for digitalpetri's {@code ModbusRtuClient}.
 * The line is configured with {@code stty} (8 data bits, baud, parity, stop bits, raw mode), so
 * this works on Linux without a native serial library; frames are delimited by digitalpetri's RTU
 * response parser (length from the function code, CRC checked by the client).
 */
final class SerialLineTransport implements ModbusRtuClientTransport {

  private static final Logger log = LoggerFactory.getLogger(SerialLineTransport.class);

  private final SerialLine line;
  private final ModbusRtuResponseFrameParser parser = new ModbusRtuResponseFrameParser();
  private volatile Consumer<ModbusRtuFrame> consumer = f -> {};
  private volatile InputStream in;
  private volatile OutputStream out;
  private volatile Thread reader;

  SerialLineTransport(SerialLine line) {
    this.line = line;
  }

  @Override
  public synchronized CompletionStage<Void> connect() {
    if (isConnected()) {
      return CompletableFuture.completedFuture(null);
    }
    try {
      configure();
      Path device = Path.of(line.device());
      in = Files.newInputStream(device, StandardOpenOption.READ);
      out = Files.newOutputStream(device, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      Thread t = new Thread(this::readLoop, "modbus-rtu " + line.device());
      t.setDaemon(true);
      reader = t;
      t.start();
      return CompletableFuture.completedFuture(null);
    } catch (IOException | RuntimeException e) {
      closeStreams();
      return CompletableFuture.failedFuture(
          new IOException("cannot open serial line " + line.device() + ": " + e.getMessage(), e));
    }
  }

  /** 8 data bits, raw, no echo, no flow control (Modbus over Serial Line v1.02 §2.5.1). */
  private void configure() throws IOException {
    List<String> command = new ArrayList<>(List.of("stty", "-F", line.device()));
    command.add(String.valueOf(line.baudRate()));
    command.addAll(List.of("cs8", "raw", "-echo", "-crtscts", "-ixon", "-ixoff", "clocal"));
    command.add(line.stopBits() == 2 ? "cstopb" : "-cstopb");
    command.add(line.parity() == Parity.NONE ? "-parenb" : "parenb");
    if (line.parity() != Parity.NONE) {
      command.add(line.parity() == Parity.ODD ? "parodd" : "-parodd");
    }
    Process stty = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(stty.getInputStream().readAllBytes()).trim();
      if (!stty.waitFor(5, TimeUnit.SECONDS) || stty.exitValue() != 0) {
        throw new IOException(
            "stty failed for "
                + line.device()
                + (output.isEmpty() ? "" : ": " + output.toLowerCase(Locale.ROOT)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted configuring " + line.device(), e);
    }
  }

  private void readLoop() {
    byte[] buffer = new byte[256];
    try {
      InputStream stream = in;
      while (stream != null) {
        int n = stream.read(buffer);
        if (n < 0) {
          break;
        }
        byte[] chunk = new byte[n];
        System.arraycopy(buffer, 0, chunk, 0, n);
        ModbusRtuResponseFrameParser.ParserState state;
        synchronized (parser) {
          state = parser.parse(chunk);
        }
        if (state instanceof ModbusRtuResponseFrameParser.Accumulated accumulated) {
          synchronized (parser) {
            parser.reset();
          }
          consumer.accept(accumulated.frame());
        } else if (state instanceof ModbusRtuResponseFrameParser.ParseError) {
          synchronized (parser) {
            parser.reset();
          }
        }
      }
    } catch (IOException e) {
      if (in != null) {
        log.debug("serial line {} read failed: {}", line.device(), e.toString());
      }
    } finally {
      closeStreams();
    }
  }

  @Override
  public synchronized CompletionStage<Void> disconnect() {
    closeStreams();
    return CompletableFuture.completedFuture(null);
  }

  private void closeStreams() {
    InputStream i = in;
    OutputStream o = out;
    in = null;
    out = null;
    try {
      if (o != null) {
        o.close();
      }
      if (i != null) {
        i.close();
      }
    } catch (IOException e) {
      log.debug("closing {}: {}", line.device(), e.toString());
    }
  }

  @Override
  public boolean isConnected() {
    return in != null && out != null;
  }

  @Override
  public CompletionStage<Void> send(ModbusRtuFrame frame) {
    OutputStream o = out;
    if (o == null) {
      return CompletableFuture.failedFuture(new IOException(line.device() + " is not open"));
    }
    try {
      byte[] pdu = new byte[frame.pdu().remaining()];
      frame.pdu().duplicate().get(pdu);
      byte[] crc = new byte[frame.crc().remaining()];
      frame.crc().duplicate().get(crc);
      byte[] bytes = new byte[1 + pdu.length + crc.length];
      bytes[0] = (byte) frame.unitId();
      System.arraycopy(pdu, 0, bytes, 1, pdu.length);
      System.arraycopy(crc, 0, bytes, 1 + pdu.length, crc.length);
      synchronized (this) {
        o.write(bytes);
        o.flush();
      }
      return CompletableFuture.completedFuture(null);
    } catch (IOException e) {
      closeStreams();
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public void receive(Consumer<ModbusRtuFrame> frameReceiver) {
    this.consumer = frameReceiver;
  }

  @Override
  public void resetFrameParser() {
    synchronized (parser) {
      parser.reset();
    }
  }
}
