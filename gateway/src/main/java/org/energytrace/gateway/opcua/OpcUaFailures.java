package org.energytrace.gateway.opcua;

import java.security.cert.CertPathValidatorException;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.energytrace.gateway.model.RootCause;

/** What went wrong with a server, in words an engineer can act on. */
final class OpcUaFailures {

  private OpcUaFailures() {}

  /**
   * A server certificate missing from the trusted folder surfaces from the JDK as "the trustAnchors
   * parameter must be non-empty" (no certificate trusted at all) or a failed certificate path; both
   * mean the same to the operator, and the fix is {@code gateway trust}.
   */
  static String describe(Throwable e, String deviceId) {
    if (untrustedServer(e)) {
      return "server certificate not trusted; run gateway trust --config <your config> --device "
          + deviceId
          + ", compare the fingerprint with the server's, then run it again with --yes";
    }
    return RootCause.message(e);
  }

  static boolean untrustedServer(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UaException ua) {
        long code = ua.getStatusCode().getValue();
        if (code == StatusCodes.Bad_CertificateUntrusted
            || code == StatusCodes.Bad_SecurityChecksFailed) {
          return true;
        }
      }
      if (t instanceof CertPathValidatorException
          || (t.getMessage() != null && t.getMessage().contains("trustAnchors parameter"))) {
        return true;
      }
    }
    return false;
  }
}
