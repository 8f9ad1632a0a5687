package org.energytrace.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The shipped jar carries ingest's block-reading replacement of Paho's {@code CountingInputStream}
 * (docs/architecture.md), not Paho's byte-by-byte original: both define the class, and which one
 * the shade plugin keeps decides a quarter of ingest's CPU under load.
 */
class ShadedJarIT {
  static final String ENTRY =
      "org/eclipse/paho/mqttv5/common/packet/util/CountingInputStream.class";

  @Test
  void theFatJarShipsIngestsCountingInputStream() throws Exception {
    Path jar = Path.of("target", "energytrace-ingest.jar");
    assertThat(jar).as("the shaded jar (built by package, before failsafe)").isRegularFile();
    byte[] ours = Files.readAllBytes(Path.of("target", "classes").resolve(ENTRY));
    try (JarFile f = new JarFile(jar.toFile())) {
      var entry = f.getJarEntry(ENTRY);
      assertThat(entry).as(ENTRY + " in " + jar).isNotNull();
      try (var in = f.getInputStream(entry)) {
        assertThat(in.readAllBytes()).as("the class in the jar is ingest's").isEqualTo(ours);
      }
    }
  }
}
