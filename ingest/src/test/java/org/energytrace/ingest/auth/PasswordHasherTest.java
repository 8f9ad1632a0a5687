package org.energytrace.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  final PasswordHasher hasher = new PasswordHasher(1024, 1, 1);

  @Test
  void verifiesTheRightPasswordAndRefusesAWrongOne() {
    String hash = hasher.hash("correct horse battery");

    assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
    assertThat(hasher.verify("correct horse battery", hash)).isTrue();
    assertThat(hasher.verify("correct horse batterY", hash)).isFalse();
  }

  @Test
  void saltsEveryHashSoEqualPasswordsDoNotShowInTheDatabase() {
    assertThat(hasher.hash("same password!")).isNotEqualTo(hasher.hash("same password!"));
  }

  @Test
  void verifiesHashesWrittenWithOtherParametersAndRefusesMalformedOnes() {
    String owasp = PasswordHasher.owaspDefault().hash("a long passphrase");

    assertThat(hasher.verify("a long passphrase", owasp)).isTrue();
    assertThat(hasher.verify("x", null)).isFalse();
    assertThat(hasher.verify("x", "$2a$10$bcrypt")).isFalse();
  }

  @Test
  void tellsWhichStoredHashesWereMadeWithOtherParameters() {
    String own = hasher.hash("a long passphrase");
    String owasp = PasswordHasher.owaspDefault().hash("a long passphrase");

    assertThat(hasher.needsRehash(own)).isFalse();
    assertThat(hasher.needsRehash(owasp)).isTrue();
    assertThat(PasswordHasher.owaspDefault().needsRehash(own)).isTrue();
    assertThat(new PasswordHasher(1024, 1, 2).needsRehash(own)).isTrue();
    assertThat(hasher.needsRehash("$2a$10$bcrypt")).isTrue();
  }

  @Test
  void matchesTheArgon2idReferenceVector() {
    // the example of the reference implementation's README (phc-winner-argon2):
    // echo -n "password" | ./argon2 somesalt -id -t 2 -m 16 -p 1 -l 32
    String phc =
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

    assertThat(hasher.verify("password", phc)).isTrue();
  }
}
