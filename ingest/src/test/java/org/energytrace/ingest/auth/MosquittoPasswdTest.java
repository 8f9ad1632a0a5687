package org.energytrace.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class MosquittoPasswdTest {
  @Test
  void reproducesTheHashMosquittoPasswdWroteForTheSameSalt() {
    // golden line from mosquitto_passwd 2.0.11: `mosquitto_passwd -b pw.txt alice s3cret`
    String golden =
        "$7$101$M43DDn4olCv4XuYK$YKBmeXNAlnFSF6Omp7wMUgtEKwdLjRmltrWYUi2ysmYY+OX/K/Yxff/rJ1BvYqoPukfkNw0YBzKT+Sx8ZfI0Pg==";
    byte[] salt = Base64.getDecoder().decode(golden.split("\\$")[3]);

    assertThat(MosquittoPasswd.hash("s3cret", salt, 101)).isEqualTo(golden);
  }

  @Test
  void writesA12ByteSaltAndA64ByteHashWith101Iterations() {
    String[] parts = MosquittoPasswd.hash("anything").split("\\$");

    assertThat(parts[1]).isEqualTo("7");
    assertThat(parts[2]).isEqualTo("101");
    assertThat(Base64.getDecoder().decode(parts[3])).hasSize(12);
    assertThat(Base64.getDecoder().decode(parts[4])).hasSize(64);
  }
}
