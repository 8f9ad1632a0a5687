package org.energytrace.ingest.verification.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.Signature;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server key (docs/verification.md §9.5): created once with permissions 0600, read back as the
 * same key on the next start ({@code IngestMainTest}: printed by {@code ingest server-key}).
 */
class ServerKeyTest {
  @TempDir Path dir;

  @Test
  void isCreatedOwnerOnlyAndReadBackAsTheSameKeyThatVerifiesItsSignatures() throws Exception {
    Path file = dir.resolve("keys/dossier-key.pem");
    ServerKey first = ServerKey.loadOrCreate(file);
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    ServerKey again = ServerKey.loadOrCreate(file);
    assertThat(again.publicPem()).isEqualTo(first.publicPem());
    assertThat(again.keyId()).isEqualTo(first.keyId()).startsWith("ed25519-");
    // the key read back signs what the first one's public key verifies
    byte[] text = "manifest".getBytes(StandardCharsets.UTF_8);
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(again.pair().getPrivate());
    s.update(text);
    byte[] sig = s.sign();
    Signature v = Signature.getInstance("Ed25519");
    v.initVerify(first.pair().getPublic());
    v.update(text);
    assertThat(v.verify(sig)).isTrue();
    // no temporary file left beside it
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("dossier-key.pem");
    }
  }
}
